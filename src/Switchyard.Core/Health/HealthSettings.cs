namespace Switchyard.Core.Health;

/// <summary>Circuit breaker settings (config section resilience.circuit_breaker).</summary>
public sealed record BreakerSettings
{
    public static readonly BreakerSettings Default = new();

    /// <summary>When false no breaker ever opens (probes can still mark a deployment down). Default true.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Share of failed attempts in the window that opens the breaker. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;
    /// <summary>Attempts the window must hold before the ratio counts. Default 10.</summary>
    public int MinThroughput { get; init; } = 10;
    /// <summary>How far back failures count. Default 30 s.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How long an open breaker stays open before it lets trial requests through. Default 30 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Trial requests allowed at once while half-open. Default 1.</summary>
    public int HalfOpenTrials { get; init; } = 1;
}

/// <summary>Live statistics and adaptive weighting (config section resilience.statistics).</summary>
public sealed record StatisticsSettings
{
    public static readonly StatisticsSettings Default = new();

    /// <summary>How far back statistics reach (a ring of 12 buckets). Default 60 s.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>When false <see cref="IHealthRegistry.AdaptiveWeight"/> is always 1. Default true.</summary>
    public bool AdaptiveWeights { get; init; } = true;
    /// <summary>k in exp(-k × recent failure rate): 20% failures → exp(-2.4) ≈ 0.09. Default 12.</summary>
    public double FailurePenalty { get; init; } = 12;
    /// <summary>A p95 up to this multiple of the best peer's costs nothing; beyond it the weight falls with the cube of the ratio. Default 1.25.</summary>
    public double LatencyTolerance { get; init; } = 1.25;
    /// <summary>Samples a deployment needs in the window before its latency is judged. Default 5.</summary>
    public int MinLatencySamples { get; init; } = 5;
    /// <summary>Below this share of its rate limit left, a deployment's weight falls in proportion. Default 0.1.</summary>
    public double RateLimitThreshold { get; init; } = 0.1;
    /// <summary>The lowest weight: a degraded deployment keeps a trickle of traffic so its recovery is seen. Default 0.02.</summary>
    public double MinWeight { get; init; } = 0.02;
}
