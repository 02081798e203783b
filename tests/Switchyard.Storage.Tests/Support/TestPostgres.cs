using Npgsql;

namespace Switchyard.Storage.Tests.Support;

/// <summary>
/// The PostgreSQL the tests use: test.sh installs and starts one and exports its connection string
/// in SWITCHYARD_TEST_POSTGRES. Without it, tests that need it fail under CI=true and are skipped
/// (reported as skipped, never as passed) otherwise, saying how to run them.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "SWITCHYARD_TEST_POSTGRES";

    public static string ConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var message = $"{Variable} is not set: PostgreSQL tests need a server (./test.sh installs and starts one and sets it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }

    /// <summary>A fresh schema of its own, so test classes never see each other's rows: the connection string's search path points at it.</summary>
    public static async Task<string> FreshSchemaAsync()
    {
        var baseString = ConnectionString();
        var schema = "sy_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(baseString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ConnectionString;
    }
}
