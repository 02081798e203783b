using Switchyard.Core.Routing;

namespace Switchyard.Core.Health;

/// <summary>How one upstream attempt ended, as the executor reports it (the one outcome sink of health).</summary>
/// <param name="Success">True when the attempt answered (for a stream: its first chunk arrived).</param>
/// <param name="Latency">Total time for a non-streaming call; time to first token for a stream.</param>
/// <param name="ErrorKind">The <see cref="Upstream.UpstreamErrorKind"/> name of a failure.</param>
/// <param name="RemainingRequests">From the provider's rate-limit headers, when sent.</param>
/// <param name="Duration">The attempt's whole duration when it differs from <paramref name="Latency"/> (a stream: until its last chunk); tokens per second are output tokens over it. Null: the latency.</param>
public sealed record AttemptOutcome(
    string DeploymentId,
    bool Success,
    TimeSpan Latency,
    string? ErrorKind = null,
    string? Error = null,
    int? OutputTokens = null,
    decimal? CostUsd = null,
    long? RemainingRequests = null,
    long? LimitRequests = null,
    long? RemainingTokens = null,
    long? LimitTokens = null,
    TimeSpan? Duration = null);

/// <summary>Circuit breaker states.</summary>
public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
    /// <summary>Marked down by active health checks (or forced by an operator) until a probe succeeds.</summary>
    Down,
}

/// <summary>What the admin API and `switchyard health` show for one deployment.</summary>
public sealed record DeploymentHealthSnapshot(
    string DeploymentId,
    BreakerState State,
    int Requests,
    double SuccessRate,
    double? P50LatencyMs,
    double? P95LatencyMs,
    double? P99LatencyMs,
    double? TokensPerSecond,
    decimal? CostPerRequestUsd,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    double AdaptiveWeight,
    long? RemainingRequests,
    DateTimeOffset? OpenUntil);

/// <summary>
/// Per-deployment health: circuit breakers, sliding-window statistics, probe results and the
/// adaptive weight that moves traffic away from a degraded deployment. Routing reads it through
/// <see cref="IDeploymentHealth"/> and <see cref="IDeploymentStats"/>; the executor and the active
/// health checks write to it; nothing else does.
/// </summary>
public interface IHealthRegistry : IDeploymentHealth, IDeploymentStats
{
    void RecordAttempt(AttemptOutcome outcome);

    /// <summary>An active health check's result: a failed probe marks the deployment down, a good one brings it back.</summary>
    void RecordProbe(string deploymentId, bool ok, string? error);

    /// <summary>A factor in (0, 1]: 1 for a healthy deployment, less for one that fails, slows down or nears its rate limit.</summary>
    double AdaptiveWeight(string deploymentId);

    DeploymentHealthSnapshot Snapshot(string deploymentId);

    IReadOnlyList<DeploymentHealthSnapshot> All();

    /// <summary>Closes the breaker and clears the window (an operator's reset).</summary>
    void Reset(string deploymentId);
}
