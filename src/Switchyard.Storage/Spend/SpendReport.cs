namespace Switchyard.Storage.Spend;

/// <summary>The answer to a <see cref="SpendQuery"/>: one line per group (by cost, highest first) and the total.</summary>
public sealed record SpendReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> GroupBy, IReadOnlyList<SpendLine> Groups, SpendLine Total);

/// <summary>
/// The figures of one group. Latency percentiles are approximate (within 2%, see <see cref="LatencyBuckets"/>);
/// every sum is exact.
/// </summary>
/// <param name="Key">The group's value per dimension (null where the column was null, e.g. no model answered).</param>
/// <param name="SavingsUsd">Baseline cost minus cost, over the requests that have both (a request without a cost saved nothing known).</param>
public sealed record SpendLine(
    IReadOnlyDictionary<string, string?> Key,
    long Requests,
    long Errors,
    double ErrorRate,
    long InputTokens,
    long OutputTokens,
    long CachedTokens,
    long ReasoningTokens,
    double CostUsd,
    double BaselineCostUsd,
    double SavingsUsd,
    double? LatencyP50Ms,
    double? LatencyP95Ms);
