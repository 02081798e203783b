namespace Switchyard.Server.Tests.Health;

/// <summary>
/// A clock the test moves by hand, timers included: <see cref="Advance"/> fires every timer that
/// falls due (periodic ones as often as they fit), so PeriodicTimer loops run without sleeping.
/// Timestamps follow the fake clock too.
/// </summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<FakeTimer> timers = [];
    private DateTimeOffset now = start;

    public FakeTime() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() { lock (gate) return now; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() { lock (gate) return now.UtcTicks; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        lock (gate) timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>True when some timer is set to fire exactly at <paramref name="at"/> (how a test sees the code under test start its wait).</summary>
    public bool HasTimerDueAt(DateTimeOffset at) { lock (gate) return timers.Any(t => t.DueAt == at); }

    /// <summary>Moves the clock, firing due timers in time order (callbacks run on the caller's thread).</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate) target = now + by;
        while (true)
        {
            FakeTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.DueAt is { } d && d <= target).MinBy(t => t.DueAt);
                if (next is null) { now = target; return; }
                now = next.DueAt!.Value;
                next.DueAt = next.Period is { } p ? now + p : null;
            }
            next.Fire();
        }
    }

    private sealed class FakeTimer(FakeTime owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }
        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner.now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            }
            return true;
        }

        public void Dispose() { lock (owner.gate) owner.timers.Remove(this); }

        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
