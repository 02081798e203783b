using Switchyard.Core.Health;

namespace Switchyard.Core.Execution;

/// <summary>How the executor times, retries and falls back (config section "resilience"); defaults as documented per field.</summary>
public sealed record ResilienceSettings
{
    public static readonly ResilienceSettings Default = new();

    /// <summary>TCP + TLS connect limit per attempt (applied to the upstream HTTP client at start-up). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>For streams: time to the first chunk. A non-streaming answer arrives whole, so only <see cref="AttemptTimeout"/> applies to it. Default 60 s.</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>One attempt's whole duration (a stream's included). Default 600 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(600);
    /// <summary>A stream sending no chunk for this long has failed. Default 30 s.</summary>
    public TimeSpan StreamStall { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Retries per deployment after its first attempt. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;
    /// <summary>Backoff before retry n: random(0, min(cap, base × 2^n)) (full jitter). Default base 250 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>The cap on a backoff, and on a Retry-After worth waiting for (longer: the next deployment is tried). Default 10 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Fall back to the next deployment when one refuses on content policy. Default false (the refusal goes to the client).</summary>
    public bool FallbackOnContentPolicy { get; init; }
    /// <summary>
    /// When every fitting candidate's breaker is open, wait for the first to half-open (within the
    /// deadline and <see cref="MaxHalfOpenWait"/>) instead of answering 503 at once. Default false.
    /// </summary>
    public bool WaitForHalfOpen { get; init; }
    /// <summary>The longest a request waits for a breaker to half-open. Default 10 s.</summary>
    public TimeSpan MaxHalfOpenWait { get; init; } = TimeSpan.FromSeconds(10);
    public BreakerSettings Breaker { get; init; } = BreakerSettings.Default;
    public StatisticsSettings Statistics { get; init; } = StatisticsSettings.Default;

    public ResilienceHealthSettings Health => new(Breaker, Statistics);
}

/// <summary>What one request's execution may spend: the settings of its snapshot and its deadline.</summary>
public readonly record struct ExecutionLimits(ResilienceSettings Settings, DateTimeOffset Deadline)
{
    public static ExecutionLimits Unbounded(ResilienceSettings? settings = null) => new(settings ?? ResilienceSettings.Default, DateTimeOffset.MaxValue);
}
