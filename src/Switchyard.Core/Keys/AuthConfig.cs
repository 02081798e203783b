namespace Switchyard.Core.Keys;

/// <summary>Config section "auth": who may call /v1 and how budgets are enforced (docs/configuration.md).</summary>
public sealed record AuthConfig
{
    /// <summary>Every /v1 request needs a valid virtual key, even before any key exists. Default false (keys are required as soon as one exists).</summary>
    public bool RequireKeys { get; init; }
    /// <summary>Percent of a budget at which responses carry x-switchyard-budget-warning and a warning is logged. Default 80.</summary>
    public decimal BudgetWarningPercent { get; init; } = 80;
    /// <summary>Percent of what is left of a budget a replica leases at a time. Default 10.</summary>
    public decimal BudgetLeasePercent { get; init; } = 10;
    /// <summary>The smallest lease in USD (capped by what is left). Default 0.01.</summary>
    public decimal BudgetLeaseMinUsd { get; init; } = 0.01m;
    /// <summary>How often each replica writes spend and renews leases, and reloads keys and runtime overrides from the store. Default 0.5 s; at most 1.</summary>
    public double SyncIntervalSeconds { get; init; } = 0.5;
    /// <summary>
    /// Where keys, budgets and runtime overrides live: a PostgreSQL connection string or "env:NAME".
    /// Default: request_log.postgres when that is set (one database for everything), else SQLite at
    /// server.data_dir/keys.db. Replicas that share one budget share this database.
    /// </summary>
    public string? Postgres { get; init; }

    public void Validate(Func<string, string?> environment, List<string> problems)
    {
        if (Postgres is { } pg && ResolvePostgres(environment) is null)
            problems.Add(pg.StartsWith("env:", StringComparison.Ordinal)
                ? $"auth.postgres: the environment variable {pg[4..]} is not set"
                : "auth.postgres: must not be empty");
        if (BudgetWarningPercent is < 0 or > 100) problems.Add("auth.budget_warning_percent: must be between 0 and 100");
        if (BudgetLeasePercent is <= 0 or > 100) problems.Add("auth.budget_lease_percent: must be more than 0 and at most 100");
        if (BudgetLeaseMinUsd < 0) problems.Add("auth.budget_lease_min_usd: must not be negative");
        if (SyncIntervalSeconds is <= 0 or > 1) problems.Add("auth.sync_interval_seconds: must be more than 0 and at most 1 (revocations reach other replicas within it)");
    }

    /// <summary>auth.postgres with "env:NAME" resolved; null when unset or blank.</summary>
    public string? ResolvePostgres(Func<string, string?> environment)
    {
        var resolved = Postgres is { } pg && pg.StartsWith("env:", StringComparison.Ordinal) ? environment(pg[4..]) : Postgres;
        return string.IsNullOrWhiteSpace(resolved) ? null : resolved;
    }

    public BudgetSettings ToBudgetSettings() => new()
    {
        WarnFraction = BudgetWarningPercent / 100m,
        LeaseFraction = BudgetLeasePercent / 100m,
        MinLeaseUsd = BudgetLeaseMinUsd,
        SyncInterval = TimeSpan.FromSeconds(SyncIntervalSeconds),
    };
}
