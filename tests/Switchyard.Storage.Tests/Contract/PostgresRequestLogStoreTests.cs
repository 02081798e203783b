using Npgsql;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Sql;
using Switchyard.Storage.Tests.Support;

namespace Switchyard.Storage.Tests.Contract;

/// <summary>The same contract against a real PostgreSQL (SWITCHYARD_TEST_POSTGRES; test.sh starts one).</summary>
public sealed class PostgresRequestLogStoreTests : RequestLogStoreContract
{
    private string connectionString = "";

    protected override async Task<IRequestLogStore> CreateStoreAsync() => new PostgresRequestLogStore(connectionString = await TestPostgres.FreshSchemaAsync());

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Replicas_migrating_at_once_apply_each_migration_once()
    {
        var connectionString = await TestPostgres.FreshSchemaAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresRequestLogStore(connectionString)).ToList();
        await Task.WhenAll(stores.Select(s => s.MigrateAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(RequestLogSchema.Migrations.Select(m => m.Version), await stores[0].SchemaVersionsAsync(TestContext.Current.CancellationToken));
        foreach (var s in stores) await s.DisposeAsync();
    }
}
