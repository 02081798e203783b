namespace Switchyard.Core.Config;

/// <summary>The "resilience" section: timeouts, retries, fallbacks, circuit breakers, live statistics.</summary>
public sealed record ResilienceConfig
{
    /// <summary>TCP + TLS connect limit per upstream call (read at start-up). Default 10.</summary>
    public double ConnectTimeoutSeconds { get; init; } = 10;
    /// <summary>For streams: time to the first chunk. Default 60.</summary>
    public double FirstByteTimeoutSeconds { get; init; } = 60;
    /// <summary>One attempt's whole duration, a stream's included. Default 600.</summary>
    public double AttemptTimeoutSeconds { get; init; } = 600;
    /// <summary>A stream that sends no chunk for this long has failed. Default 30.</summary>
    public double StreamStallSeconds { get; init; } = 30;
    /// <summary>Retries per deployment after its first attempt. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;
    /// <summary>Base of the exponential backoff (full jitter). Default 250.</summary>
    public double RetryBaseDelayMs { get; init; } = 250;
    /// <summary>Cap on a backoff and on a Retry-After worth waiting for. Default 10.</summary>
    public double RetryMaxDelaySeconds { get; init; } = 10;
    /// <summary>Try the next deployment when one refuses on content policy. Default false.</summary>
    public bool FallbackOnContentPolicy { get; init; }
    /// <summary>When every fitting candidate's breaker is open, wait for the first to half-open instead of a 503 at once. Default false.</summary>
    public bool WaitForHalfOpen { get; init; }
    /// <summary>The longest such a wait may be (it never passes the request's deadline either). Default 10.</summary>
    public double MaxHalfOpenWaitSeconds { get; init; } = 10;
    public CircuitBreakerConfig CircuitBreaker { get; init; } = new();
    public StatisticsConfig Statistics { get; init; } = new();
}

public sealed record CircuitBreakerConfig
{
    /// <summary>Default true.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Share of failed attempts in the window that opens the breaker (0-1]. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;
    /// <summary>Attempts the window must hold before the ratio counts. Default 10.</summary>
    public int MinThroughput { get; init; } = 10;
    /// <summary>Default 30.</summary>
    public double WindowSeconds { get; init; } = 30;
    /// <summary>How long the breaker stays open before trial requests. Default 30.</summary>
    public double BreakSeconds { get; init; } = 30;
    /// <summary>Trial requests at once while half-open. Default 1.</summary>
    public int HalfOpenTrials { get; init; } = 1;
}

public sealed record StatisticsConfig
{
    /// <summary>Sliding window of the live statistics. Default 60.</summary>
    public double WindowSeconds { get; init; } = 60;
    /// <summary>Move traffic between deployments of a model by their health. Default true.</summary>
    public bool AdaptiveWeights { get; init; } = true;
    /// <summary>The lowest adaptive weight, so a degraded deployment still gets a trickle. Default 0.02.</summary>
    public double MinWeight { get; init; } = 0.02;
}
