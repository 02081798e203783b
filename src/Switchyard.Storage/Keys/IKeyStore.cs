namespace Switchyard.Storage.Keys;

/// <summary>
/// Keys, projects, budget counters and leases, and runtime overrides: SQLite (default) or PostgreSQL,
/// the same schema and behaviour (the contract tests run against both). Its migrations are its own
/// track (table keys_schema_version), independent of the request log's. Every change to keys,
/// projects or overrides bumps one change counter, which replicas poll to refresh their caches.
/// </summary>
public interface IKeyStore : IAsyncDisposable
{
    /// <summary>Where it is, for start-up lines; never a password.</summary>
    string Describe();

    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The change counter: cheap to poll.</summary>
    Task<long> VersionAsync(CancellationToken cancellationToken);

    Task<KeyStoreContents> LoadAsync(CancellationToken cancellationToken);

    Task InsertKeyAsync(KeyRow key, CancellationToken cancellationToken);

    /// <summary>Replaces a key's name, expiry, revocation and settings; false when no such key.</summary>
    Task<bool> UpdateKeyAsync(KeyRow key, CancellationToken cancellationToken);

    Task UpsertProjectAsync(ProjectRow project, CancellationToken cancellationToken);

    /// <summary>Sets an override, or clears it when <paramref name="value"/> is null.</summary>
    Task SetOverrideAsync(string kind, string name, string? value, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction serialised with every replica's on the same counter: adds the spend, reads the
    /// others' unlapsed leases, and sets this replica's lease to what it holds plus the grant.
    /// </summary>
    Task<BudgetSyncOutcome> SyncBudgetAsync(BudgetSyncRow sync, CancellationToken cancellationToken);

    /// <summary>Every period's spend of one scope ("key:ID", "project:ID").</summary>
    Task<IReadOnlyList<BudgetCounterRow>> BudgetCountersAsync(string scope, CancellationToken cancellationToken);
}
