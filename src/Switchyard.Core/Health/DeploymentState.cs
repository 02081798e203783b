namespace Switchyard.Core.Health;

/// <summary>Everything the registry keeps for one deployment, behind one lock.</summary>
internal sealed class DeploymentState(string id, BreakerSettings breaker, StatisticsSettings statistics)
{
    private readonly BucketRing<StatsBucket> window = new(statistics.Window, 12);
    private WindowSummary? summary;
    private DateTimeOffset summaryValidUntil;

    public string Id { get; } = id;
    public Lock Gate { get; } = new();
    public CircuitBreaker Breaker { get; } = new(breaker);
    public StatisticsSettings Statistics { get; } = statistics;
    /// <summary>Marked down by a failed probe (or an operator) until a probe succeeds.</summary>
    public bool Down { get; set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    public RateLimitReading? RateLimit { get; private set; }

    public void Record(AttemptOutcome outcome, bool countsAsFailure, DateTimeOffset now)
    {
        summary = null;
        if (outcome.RemainingRequests is not null || outcome.RemainingTokens is not null)
            RateLimit = new RateLimitReading(outcome.RemainingRequests, outcome.LimitRequests, outcome.RemainingTokens, outcome.LimitTokens, now);
        if (!outcome.Success)
        {
            LastError = outcome.Error ?? outcome.ErrorKind;
            LastErrorAt = now;
        }
        if (!outcome.Success && !countsAsFailure) return; // the request's fault, not the deployment's

        var bucket = window.Current(now);
        if (outcome.Success)
        {
            bucket.Successes++;
            bucket.Latency.Add(outcome.Latency.TotalMilliseconds);
            var generation = (outcome.Duration ?? outcome.Latency).TotalSeconds;
            if (outcome.OutputTokens is > 0 && generation > 0)
            {
                bucket.OutputTokens += outcome.OutputTokens.Value;
                bucket.GenerationSeconds += generation;
            }
            if (outcome.CostUsd is { } cost) { bucket.Cost += cost; bucket.Costed++; }
        }
        else bucket.Failures++;
        Breaker.Record(outcome.Success, now);
    }

    /// <summary>The window summed up, cached until the next record or the next slide of the window.</summary>
    public WindowSummary Summary(DateTimeOffset now)
    {
        if (summary is null || now >= summaryValidUntil)
        {
            summary = WindowSummary.Of(window, now);
            summaryValidUntil = window.NextSlide(now);
        }
        return summary;
    }

    /// <summary>The rate-limit reading, while it is recent enough to mean something (one statistics window).</summary>
    public RateLimitReading? FreshRateLimit(DateTimeOffset now) =>
        RateLimit is { } r && now - r.At <= Statistics.Window ? r : null;

    public void Reset()
    {
        Breaker.Close();
        Down = false;
        window.Clear();
        summary = null;
        RateLimit = null;
    }
}

/// <summary>The provider's rate-limit headers on the latest answer.</summary>
internal sealed record RateLimitReading(long? RemainingRequests, long? LimitRequests, long? RemainingTokens, long? LimitTokens, DateTimeOffset At)
{
    /// <summary>The smaller of the request and token shares left (0-1), or null when no limit was reported.</summary>
    public double? ShareLeft
    {
        get
        {
            double? share = null;
            if (RemainingRequests is { } rr && LimitRequests is > 0) share = Math.Clamp((double)rr / LimitRequests.Value, 0, 1);
            if (RemainingTokens is { } rt && LimitTokens is > 0)
            {
                var tokens = Math.Clamp((double)rt / LimitTokens.Value, 0, 1);
                share = share is { } s ? Math.Min(s, tokens) : tokens;
            }
            return share;
        }
    }
}
