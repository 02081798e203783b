namespace Switchyard.Core.Health;

/// <summary>Successes and failures in one slice of the breaker's window.</summary>
internal sealed class OutcomeCounts : ITimeBucket
{
    public int Successes;
    public int Failures;

    public void Clear() => Successes = Failures = 0;
}

/// <summary>Everything the statistics window keeps about one slice of time.</summary>
internal sealed class StatsBucket : ITimeBucket
{
    public int Successes;
    public int Failures;
    public readonly LatencyHistogram Latency = new();
    public long OutputTokens;
    /// <summary>Seconds spent generating the output tokens counted above.</summary>
    public double GenerationSeconds;
    public decimal Cost;
    public int Costed;

    public void Clear()
    {
        Successes = Failures = Costed = 0;
        Latency.Clear();
        OutputTokens = 0;
        GenerationSeconds = 0;
        Cost = 0;
    }
}

/// <summary>The statistics window summed up at one moment.</summary>
internal sealed record WindowSummary(
    int Successes,
    int Failures,
    double? P50,
    double? P95,
    double? P99,
    int LatencySamples,
    double? TokensPerSecond,
    decimal? CostPerRequest,
    double RecentFailureRate)
{
    public int Requests => Successes + Failures;
    public double SuccessRate => Requests == 0 ? 1.0 : (double)Successes / Requests;
    public double FailureRate => Requests == 0 ? 0.0 : (double)Failures / Requests;

    /// <summary>
    /// The recent failure rate reads the newest buckets until they hold this many attempts: with
    /// plenty of traffic it sees the last few seconds (a deployment that starts failing is seen at
    /// once, not after a minute of older successes has slid out); with a trickle it looks further
    /// back rather than judging on two or three attempts.
    /// </summary>
    private const int RecentAttempts = 40;

    public static WindowSummary Of(BucketRing<StatsBucket> ring, DateTimeOffset now)
    {
        int successes = 0, failures = 0, costed = 0;
        long tokens = 0;
        double seconds = 0;
        decimal cost = 0;
        var latency = new LatencyHistogram();
        int recentFailures = 0, recentRequests = 0;
        foreach (var (b, _) in ring.LiveWithAge(now).OrderBy(x => x.Age))
        {
            if (recentRequests >= RecentAttempts) break;
            recentFailures += b.Failures;
            recentRequests += b.Successes + b.Failures;
        }
        foreach (var b in ring.Live(now))
        {
            successes += b.Successes;
            failures += b.Failures;
            b.Latency.AddTo(latency);
            tokens += b.OutputTokens;
            seconds += b.GenerationSeconds;
            cost += b.Cost;
            costed += b.Costed;
        }
        return new WindowSummary(successes, failures, latency.Percentile(0.50), latency.Percentile(0.95), latency.Percentile(0.99),
            latency.Count, seconds > 0 ? tokens / seconds : null, costed > 0 ? cost / costed : null,
            recentRequests > 0 ? (double)recentFailures / recentRequests : 0.0);
    }
}
