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
    /// The recent failure rate weighs each bucket half as much per two buckets of age (10 s of a 60 s
    /// window), so a deployment that starts failing is seen within seconds, not after a minute of
    /// older successes has slid out, and one that recovers is forgiven as fast.
    /// </summary>
    private const double RecencyHalfLifeBuckets = 2.0;

    public static WindowSummary Of(BucketRing<StatsBucket> ring, DateTimeOffset now)
    {
        int successes = 0, failures = 0, costed = 0;
        long tokens = 0;
        double seconds = 0;
        decimal cost = 0;
        var latency = new LatencyHistogram();
        double weightedFailures = 0, weightedRequests = 0;
        foreach (var (b, age) in ring.LiveWithAge(now))
        {
            var weight = Math.Pow(0.5, age / RecencyHalfLifeBuckets);
            weightedFailures += weight * b.Failures;
            weightedRequests += weight * (b.Successes + b.Failures);
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
            weightedRequests > 0 ? weightedFailures / weightedRequests : 0.0);
    }
}
