using Switchyard.Core.Health;
using Switchyard.Core.Tests.Execution;

namespace Switchyard.Core.Tests.Health;

/// <summary>Breaker transitions on fake time: closed → open → half-open → closed or open again.</summary>
public class CircuitBreakerTests
{
    private const string Id = "p/m";
    private readonly FakeTimeProvider time = new();
    private readonly HealthRegistry registry;

    public CircuitBreakerTests() => registry = new HealthRegistry(() => ResilienceHealthSettings.Default, time);

    private void Record(bool ok, int times = 1)
    {
        for (var i = 0; i < times; i++)
            registry.RecordAttempt(new AttemptOutcome(Id, ok, TimeSpan.FromMilliseconds(100), ok ? null : "ServerError", ok ? null : "503"));
    }

    [Fact]
    public void Stays_closed_below_the_minimum_throughput_however_bad_the_ratio()
    {
        Record(false, 9);
        Assert.False(registry.IsOpen(Id));
        Assert.Equal(BreakerState.Closed, registry.Snapshot(Id).State);
        Record(false);
        Assert.True(registry.IsOpen(Id));
        Assert.Equal(BreakerState.Open, registry.Snapshot(Id).State);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), registry.Snapshot(Id).OpenUntil);
    }

    [Fact]
    public void Opens_when_the_failure_ratio_reaches_the_threshold()
    {
        Record(true, 6);
        Record(false, 4); // 40% of 10
        Assert.False(registry.IsOpen(Id));
        Record(false, 2); // 6 of 12 = 50%
        Assert.True(registry.IsOpen(Id));
    }

    [Fact]
    public void Failures_older_than_the_window_no_longer_count()
    {
        Record(false, 9);
        time.Advance(TimeSpan.FromSeconds(31));
        Record(false, 5);
        Assert.False(registry.IsOpen(Id)); // only 5 in the window
    }

    [Fact]
    public void Half_opens_after_the_break_and_a_good_trial_closes_it()
    {
        Record(false, 10);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(registry.IsOpen(Id));
        Assert.False(registry.TryEnter(Id));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BreakerState.HalfOpen, registry.Snapshot(Id).State);
        Assert.False(registry.IsOpen(Id)); // routing may plan it again

        Assert.True(registry.TryEnter(Id));   // the one trial
        Assert.False(registry.TryEnter(Id));  // no second one at a time
        Assert.True(registry.IsOpen(Id));     // and routing leaves it alone meanwhile
        Record(true);
        Assert.Equal(BreakerState.Closed, registry.Snapshot(Id).State);
        Assert.True(registry.TryEnter(Id));
        Assert.True(registry.TryEnter(Id));
    }

    [Fact]
    public void A_failed_trial_opens_it_again_for_another_break()
    {
        Record(false, 10);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(registry.TryEnter(Id));
        Record(false);
        Assert.Equal(BreakerState.Open, registry.Snapshot(Id).State);
        Assert.Equal(time.GetUtcNow().AddSeconds(30), registry.Snapshot(Id).OpenUntil);
    }

    [Fact]
    public void More_trials_at_once_when_configured()
    {
        var settings = ResilienceHealthSettings.Default with { Breaker = BreakerSettings.Default with { HalfOpenTrials = 2 } };
        var r = new HealthRegistry(() => settings, time);
        for (var i = 0; i < 10; i++) r.RecordAttempt(new AttemptOutcome(Id, false, TimeSpan.Zero, "Timeout"));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(r.TryEnter(Id));
        Assert.True(r.TryEnter(Id));
        Assert.False(r.TryEnter(Id));
        r.Abandon(Id); // a trial the client walked away from gives its place back
        Assert.True(r.TryEnter(Id));
    }

    [Fact]
    public void Failures_that_are_the_requests_fault_do_not_open_it()
    {
        for (var i = 0; i < 20; i++) registry.RecordAttempt(new AttemptOutcome(Id, false, TimeSpan.Zero, "BadRequest", "400"));
        for (var i = 0; i < 20; i++) registry.RecordAttempt(new AttemptOutcome(Id, false, TimeSpan.Zero, "ContextLength", "too long"));
        Assert.False(registry.IsOpen(Id));
        Assert.Equal("too long", registry.Snapshot(Id).LastError);
    }

    [Fact]
    public void A_disabled_breaker_never_opens()
    {
        var settings = ResilienceHealthSettings.Default with { Breaker = BreakerSettings.Default with { Enabled = false } };
        var r = new HealthRegistry(() => settings, time);
        for (var i = 0; i < 50; i++) r.RecordAttempt(new AttemptOutcome(Id, false, TimeSpan.Zero, "ServerError"));
        Assert.False(r.IsOpen(Id));
        Assert.True(r.TryEnter(Id));
    }

    [Fact]
    public void A_failed_probe_marks_it_down_until_a_good_probe()
    {
        registry.RecordProbe(Id, false, "connection refused");
        Assert.True(registry.IsOpen(Id));
        Assert.False(registry.TryEnter(Id));
        Assert.Equal(BreakerState.Down, registry.Snapshot(Id).State);
        Assert.Equal("connection refused", registry.Snapshot(Id).LastError);
        registry.RecordProbe(Id, true, null);
        Assert.False(registry.IsOpen(Id));
        Assert.Equal(BreakerState.Closed, registry.Snapshot(Id).State);
    }

    [Fact]
    public void Reset_closes_the_breaker_and_clears_the_window()
    {
        Record(false, 10);
        registry.Reset(Id);
        Assert.False(registry.IsOpen(Id));
        Assert.Equal(0, registry.Snapshot(Id).Requests);
        Record(false, 9);
        Assert.False(registry.IsOpen(Id));
    }
}
