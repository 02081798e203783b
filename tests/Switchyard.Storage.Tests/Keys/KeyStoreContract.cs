using Switchyard.Storage.Keys;

namespace Switchyard.Storage.Tests.Keys;

/// <summary>What every key store does, SQLite and PostgreSQL alike.</summary>
public abstract class KeyStoreContract
{
    protected abstract Task<IKeyStore> CreateStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KeyRow Key(string id, string project = "shop") =>
        new(id, project, "checkout", [1, 2, 3], [4, 5, 6, 7], 1_700_000_000_000, null, null, "{\"budgets\":{}}");

    private static BudgetSyncRow Sync(string replica, long limit, long spentDelta, long holding, long want, long now = 1000) =>
        new("key:k", "2026-11-22", replica, limit, spentDelta, holding, left => Math.Min(left, want), now, now + 30_000);

    [Fact]
    public async Task Keys_projects_and_overrides_round_trip_and_every_change_moves_the_version()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync(Ct);
        await store.MigrateAsync(Ct); // idempotent
        var v0 = await store.VersionAsync(Ct);
        await store.UpsertProjectAsync(new ProjectRow("shop", "{\"budgets\":{\"daily_usd\":5}}"), Ct);
        await store.InsertKeyAsync(Key("abcd1234"), Ct);
        var v1 = await store.VersionAsync(Ct);
        Assert.True(v1 > v0);

        var contents = await store.LoadAsync(Ct);
        var key = Assert.Single(contents.Keys);
        var expected = Key("abcd1234");
        Assert.Equal((expected.Id, expected.Project, expected.Name, expected.CreatedMs, expected.ExpiresMs, expected.RevokedMs, expected.Settings),
            (key.Id, key.Project, key.Name, key.CreatedMs, key.ExpiresMs, key.RevokedMs, key.Settings));
        Assert.Equal([1, 2, 3], key.Salt);
        Assert.Equal([4, 5, 6, 7], key.Hash);
        Assert.Equal("{\"budgets\":{\"daily_usd\":5}}", Assert.Single(contents.Projects).Settings);
        Assert.Equal(v1, contents.Version);

        Assert.True(await store.UpdateKeyAsync(key with { RevokedMs = 1_700_000_001_000 }, Ct));
        Assert.False(await store.UpdateKeyAsync(Key("nokey000"), Ct));
        Assert.Equal(1_700_000_001_000, Assert.Single((await store.LoadAsync(Ct)).Keys).RevokedMs);

        await store.SetOverrideAsync("route_weight", "split", "{\"a\":1}", Ct);
        await store.SetOverrideAsync("route_weight", "split", "{\"a\":2}", Ct);
        await store.SetOverrideAsync("model_disabled", "gpt-4o", "true", Ct);
        var overrides = (await store.LoadAsync(Ct)).Overrides;
        Assert.Equal(2, overrides.Count);
        Assert.Contains(new OverrideRow("route_weight", "split", "{\"a\":2}"), overrides);
        await store.SetOverrideAsync("model_disabled", "gpt-4o", null, Ct);
        Assert.Single((await store.LoadAsync(Ct)).Overrides);
        Assert.True(await store.VersionAsync(Ct) > v1);
    }

    [Fact]
    public async Task Budget_syncs_add_spend_and_never_lease_more_than_is_left_across_replicas()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync(Ct);
        var a = await store.SyncBudgetAsync(Sync("a", limit: 1000, spentDelta: 0, holding: 0, want: 700), Ct);
        Assert.Equal(700, a.GrantedNanoUsd);
        var b = await store.SyncBudgetAsync(Sync("b", limit: 1000, spentDelta: 0, holding: 0, want: 700), Ct);
        Assert.Equal(300, b.GrantedNanoUsd); // only what a does not hold
        Assert.Equal(700, b.OthersHoldingNanoUsd);
        // a spent 500 of its 700 and keeps 200: b may now take what a no longer holds... nothing, all is spent or held.
        var a2 = await store.SyncBudgetAsync(Sync("a", limit: 1000, spentDelta: 500, holding: 200, want: 100), Ct);
        Assert.Equal(0, a2.GrantedNanoUsd);
        Assert.Equal(500, a2.SpentNanoUsd);
        // a returns its 200: b can have it.
        await store.SyncBudgetAsync(Sync("a", limit: 1000, spentDelta: 0, holding: 0, want: 0), Ct);
        var b2 = await store.SyncBudgetAsync(Sync("b", limit: 1000, spentDelta: 0, holding: 300, want: 1000), Ct);
        Assert.Equal(200, b2.GrantedNanoUsd);
        Assert.Equal(500, (await store.BudgetCountersAsync("key:k", Ct)).Single().SpentNanoUsd);
    }

    [Fact]
    public async Task A_lapsed_lease_no_longer_counts()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync(Ct);
        await store.SyncBudgetAsync(Sync("a", limit: 1000, spentDelta: 0, holding: 0, want: 1000, now: 1000), Ct);
        Assert.Equal(0, (await store.SyncBudgetAsync(Sync("b", limit: 1000, spentDelta: 0, holding: 0, want: 1000, now: 2000), Ct)).GrantedNanoUsd);
        // a's lease ran until 31 000 and was never renewed.
        Assert.Equal(1000, (await store.SyncBudgetAsync(Sync("b", limit: 1000, spentDelta: 0, holding: 0, want: 1000, now: 31_001), Ct)).GrantedNanoUsd);
    }

    [Fact]
    public async Task Concurrent_syncs_of_one_counter_never_grant_more_than_the_limit()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync(Ct);
        var grants = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            store.SyncBudgetAsync(Sync("r" + i, limit: 10_000, spentDelta: 0, holding: 0, want: 1000), Ct)));
        Assert.Equal(10_000, grants.Sum(g => g.GrantedNanoUsd));
    }
}

public sealed class SqliteKeyStoreTests : KeyStoreContract, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sy-keys-" + Guid.NewGuid().ToString("N"));

    protected override Task<IKeyStore> CreateStoreAsync() => Task.FromResult<IKeyStore>(SqliteKeyStore.InDataDir(folder));

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_key_store_keeps_its_own_migration_track_beside_the_request_log()
    {
        await using var keys = new SqliteKeyStore(Path.Combine(folder, "shared.db"));
        await using var log = new Sqlite.SqliteRequestLogStore(Path.Combine(folder, "shared.db"));
        await keys.MigrateAsync(TestContext.Current.CancellationToken);
        await log.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Sql.RequestLogSchema.Migrations.Select(m => m.Version), await log.SchemaVersionsAsync(TestContext.Current.CancellationToken));
        Assert.Empty((await keys.LoadAsync(TestContext.Current.CancellationToken)).Keys);
    }
}

public sealed class PostgresKeyStoreTests : KeyStoreContract
{
    protected override async Task<IKeyStore> CreateStoreAsync() => new PostgresKeyStore(await Support.TestPostgres.FreshSchemaAsync());
}
