using Switchyard.Core.Execution;
using Switchyard.Core.Health;

namespace Switchyard.Core.Config;

/// <summary>Validates the "resilience" section into <see cref="ResilienceSettings"/>.</summary>
internal static class ResilienceValidator
{
    public static ResilienceSettings Validate(ResilienceConfig c, List<string> problems)
    {
        const string path = "resilience";
        void Positive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value)) problems.Add($"{path}.{name}: must be positive");
        }
        Positive(c.ConnectTimeoutSeconds, "connect_timeout_seconds");
        Positive(c.FirstByteTimeoutSeconds, "first_byte_timeout_seconds");
        Positive(c.AttemptTimeoutSeconds, "attempt_timeout_seconds");
        Positive(c.StreamStallSeconds, "stream_stall_seconds");
        Positive(c.RetryBaseDelayMs, "retry_base_delay_ms");
        Positive(c.RetryMaxDelaySeconds, "retry_max_delay_seconds");
        Positive(c.MaxHalfOpenWaitSeconds, "max_half_open_wait_seconds");
        if (c.MaxRetries is < 0 or > 10) problems.Add($"{path}.max_retries: must be 0-10");
        var b = c.CircuitBreaker;
        if (!(b.FailureRatio > 0 && b.FailureRatio <= 1)) problems.Add($"{path}.circuit_breaker.failure_ratio: must be in (0, 1]");
        if (b.MinThroughput < 1) problems.Add($"{path}.circuit_breaker.min_throughput: must be at least 1");
        Positive(b.WindowSeconds, "circuit_breaker.window_seconds");
        Positive(b.BreakSeconds, "circuit_breaker.break_seconds");
        if (b.HalfOpenTrials < 1) problems.Add($"{path}.circuit_breaker.half_open_trials: must be at least 1");
        var s = c.Statistics;
        Positive(s.WindowSeconds, "statistics.window_seconds");
        if (!(s.MinWeight > 0 && s.MinWeight <= 1)) problems.Add($"{path}.statistics.min_weight: must be in (0, 1]");
        if (problems.Count > 0) return ResilienceSettings.Default;

        return new ResilienceSettings
        {
            ConnectTimeout = TimeSpan.FromSeconds(c.ConnectTimeoutSeconds),
            FirstByteTimeout = TimeSpan.FromSeconds(c.FirstByteTimeoutSeconds),
            AttemptTimeout = TimeSpan.FromSeconds(c.AttemptTimeoutSeconds),
            StreamStall = TimeSpan.FromSeconds(c.StreamStallSeconds),
            MaxRetries = c.MaxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(c.RetryBaseDelayMs),
            RetryMaxDelay = TimeSpan.FromSeconds(c.RetryMaxDelaySeconds),
            FallbackOnContentPolicy = c.FallbackOnContentPolicy,
            WaitForHalfOpen = c.WaitForHalfOpen,
            MaxHalfOpenWait = TimeSpan.FromSeconds(c.MaxHalfOpenWaitSeconds),
            Breaker = new BreakerSettings
            {
                Enabled = b.Enabled,
                FailureRatio = b.FailureRatio,
                MinThroughput = b.MinThroughput,
                Window = TimeSpan.FromSeconds(b.WindowSeconds),
                BreakDuration = TimeSpan.FromSeconds(b.BreakSeconds),
                HalfOpenTrials = b.HalfOpenTrials,
            },
            Statistics = new StatisticsSettings
            {
                Window = TimeSpan.FromSeconds(s.WindowSeconds),
                AdaptiveWeights = s.AdaptiveWeights,
                MinWeight = s.MinWeight,
            },
        };
    }
}
