using System.Data.Common;
using Npgsql;
using static Switchyard.Storage.Sql.SqlCommands;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// What every PostgreSQL store (request log, keys) does the same way. Unless the connection string
/// says otherwise, connecting gives up after 3 s and a command after 15 s: a server that is down is
/// noticed quickly (rows spill, keys keep their last copy) instead of requests piling up.
/// </summary>
internal static class PostgresConnections
{
    public static NpgsqlDataSource CreateDataSource(string connectionString, out string description)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout")) builder.Timeout = 3;
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout")) builder.CommandTimeout = 15;
        description = $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Takes a transaction-scoped advisory lock: whoever else asks for the same key waits until this transaction ends.</summary>
    public static async Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT pg_advisory_xact_lock({key})");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
