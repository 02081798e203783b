namespace Switchyard.Core.Health;

/// <summary>
/// One deployment's breaker: closed until the failure ratio over the window reaches the threshold
/// with at least the minimum throughput; then open for the break duration; then half-open, letting
/// a limited number of trial attempts through at a time: a success closes it (and clears the
/// window), a failure opens it again. Not thread-safe: <see cref="DeploymentState"/> locks.
/// </summary>
internal sealed class CircuitBreaker(BreakerSettings settings)
{
    private readonly BucketRing<OutcomeCounts> window = new(settings.Window, 10);
    private BreakerState state = BreakerState.Closed;
    private int trialsOut;
    private DateTimeOffset trialsSince;

    public BreakerSettings Settings { get; } = settings;
    public DateTimeOffset? OpenUntil { get; private set; }

    /// <summary>Closed, Open or HalfOpen (an open breaker whose break is over reads half-open).</summary>
    public BreakerState State(DateTimeOffset now)
    {
        if (state == BreakerState.Open && now >= OpenUntil) state = BreakerState.HalfOpen;
        if (state == BreakerState.HalfOpen && trialsOut > 0 && now - trialsSince >= Settings.BreakDuration)
            trialsOut = 0; // a trial whose outcome never came back must not wedge the breaker
        return state;
    }

    /// <summary>Open, or half-open with every trial out: routing should not plan it.</summary>
    public bool Blocks(DateTimeOffset now) => State(now) switch
    {
        BreakerState.Open => true,
        BreakerState.HalfOpen => trialsOut >= Settings.HalfOpenTrials,
        _ => false,
    };

    public bool TryEnter(DateTimeOffset now)
    {
        switch (State(now))
        {
            case BreakerState.Open:
                return false;
            case BreakerState.HalfOpen:
                if (trialsOut >= Settings.HalfOpenTrials) return false;
                if (trialsOut++ == 0) trialsSince = now;
                return true;
            default:
                return true;
        }
    }

    public void Abandon(DateTimeOffset now)
    {
        if (State(now) == BreakerState.HalfOpen && trialsOut > 0) trialsOut--;
    }

    public void Record(bool success, DateTimeOffset now)
    {
        var current = State(now);
        if (current == BreakerState.HalfOpen)
        {
            if (trialsOut > 0) trialsOut--;
            if (success) Close();
            else Open(now);
            return;
        }
        var counts = window.Current(now);
        if (success) counts.Successes++;
        else counts.Failures++;
        if (current != BreakerState.Closed || success || !Settings.Enabled) return;

        int successes = 0, failures = 0;
        foreach (var b in window.Live(now)) { successes += b.Successes; failures += b.Failures; }
        var total = successes + failures;
        if (total >= Settings.MinThroughput && failures >= Settings.FailureRatio * total) Open(now);
    }

    public void Close()
    {
        state = BreakerState.Closed;
        OpenUntil = null;
        trialsOut = 0;
        window.Clear();
    }

    private void Open(DateTimeOffset now)
    {
        state = BreakerState.Open;
        OpenUntil = now + Settings.BreakDuration;
        trialsOut = 0;
        window.Clear();
    }
}
