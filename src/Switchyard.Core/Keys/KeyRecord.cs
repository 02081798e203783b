namespace Switchyard.Core.Keys;

/// <summary>
/// A virtual key as stored: its id (the non-secret start of the key), its project, the salted hash
/// of the key, and what it may do. The key itself is never kept.
/// </summary>
public sealed record KeyRecord
{
    public required string Id { get; init; }
    public required string Project { get; init; }
    /// <summary>A label for people ("checkout-service").</summary>
    public string? Name { get; init; }
    public required byte[] Salt { get; init; }
    public required byte[] Hash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>After this the key is refused. Null: it never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public BudgetLimits Budgets { get; init; } = BudgetLimits.None;
    public RateLimits Limits { get; init; } = RateLimits.None;
    public KeyPolicy Policy { get; init; } = KeyPolicy.Open;

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;
}

/// <summary>USD ceilings per UTC day, per UTC month and in total; null = no ceiling.</summary>
public sealed record BudgetLimits(decimal? DailyUsd = null, decimal? MonthlyUsd = null, decimal? TotalUsd = null)
{
    public static readonly BudgetLimits None = new();

    public decimal? For(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Day => DailyUsd,
        BudgetPeriod.Month => MonthlyUsd,
        _ => TotalUsd,
    };
}

public enum BudgetPeriod { Day, Month, Total }

public static class BudgetPeriods
{
    public static readonly BudgetPeriod[] All = [BudgetPeriod.Day, BudgetPeriod.Month, BudgetPeriod.Total];

    /// <summary>The counter a spend at <paramref name="now"/> goes to: "2026-11-22", "2026-11" or "total" (UTC).</summary>
    public static string KeyOf(BudgetPeriod period, DateTimeOffset now) => period switch
    {
        BudgetPeriod.Day => now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        BudgetPeriod.Month => now.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        _ => "total",
    };

    public static string Name(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Day => "daily",
        BudgetPeriod.Month => "monthly",
        _ => "total",
    };
}

/// <summary>
/// Requests and tokens per minute for the whole key (<see cref="Rpm"/>, <see cref="Tpm"/>) and for
/// each model the key uses, counted separately per model (<see cref="ModelRpm"/>, <see cref="ModelTpm"/>).
/// Null = unlimited.
/// </summary>
public sealed record RateLimits(int? Rpm = null, int? Tpm = null, int? ModelRpm = null, int? ModelTpm = null)
{
    public static readonly RateLimits None = new();

    public bool Any => Rpm is not null || Tpm is not null || ModelRpm is not null || ModelTpm is not null;
}

/// <summary>A project: the owner of keys, with budgets of its own that all its keys share.</summary>
public sealed record ProjectRecord(string Id, BudgetLimits Budgets);
