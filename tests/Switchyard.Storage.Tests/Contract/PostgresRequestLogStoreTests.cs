using Switchyard.Storage.Postgres;
using Switchyard.Storage.Tests.Support;

namespace Switchyard.Storage.Tests.Contract;

/// <summary>The same contract against a real PostgreSQL (SWITCHYARD_TEST_POSTGRES; test.sh starts one).</summary>
public sealed class PostgresRequestLogStoreTests : RequestLogStoreContract
{
    protected override async Task<IRequestLogStore> CreateStoreAsync() => new PostgresRequestLogStore(await TestPostgres.FreshSchemaAsync());

    [Fact]
    public async Task Replicas_migrating_at_once_apply_each_migration_once()
    {
        var connectionString = await TestPostgres.FreshSchemaAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresRequestLogStore(connectionString)).ToList();
        await Task.WhenAll(stores.Select(s => s.MigrateAsync(TestContext.Current.CancellationToken)));
        Assert.Equal([1], await stores[0].SchemaVersionsAsync(TestContext.Current.CancellationToken));
        foreach (var s in stores) await s.DisposeAsync();
    }
}
