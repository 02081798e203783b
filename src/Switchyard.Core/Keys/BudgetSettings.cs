namespace Switchyard.Core.Keys;

/// <summary>How budgets are enforced (config section "auth"; docs/configuration.md).</summary>
public sealed record BudgetSettings
{
    public static readonly BudgetSettings Default = new();

    /// <summary>Share of a budget used at which responses carry x-switchyard-budget-warning and a log event is written. Default 0.8.</summary>
    public decimal WarnFraction { get; init; } = 0.8m;
    /// <summary>A replica leases this share of what is left of a budget at a time. Default 0.1.</summary>
    public decimal LeaseFraction { get; init; } = 0.1m;
    /// <summary>The smallest lease (USD), capped by what is left. Default 0.01.</summary>
    public decimal MinLeaseUsd { get; init; } = 0.01m;
    /// <summary>How often spend is written to the store and leases renewed. Default 1 s.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A lease not renewed for this long lapses: others may lease it again, and its holder stops using it first. Default 30 s.</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>A replica returns a lease it has not used for this long. Default 10 s.</summary>
    public TimeSpan IdleRelease { get; init; } = TimeSpan.FromSeconds(10);
}
