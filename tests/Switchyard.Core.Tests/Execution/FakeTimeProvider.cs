namespace Switchyard.Core.Tests.Execution;

/// <summary>
/// A clock that moves only when told to. Timers fire inside <see cref="Advance"/>, on the calling
/// thread, in due order, so code awaiting them continues before Advance returns.
/// </summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<FakeTimer> timers = [];
    private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The earliest time a pending timer fires, or null.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (gate) return timers.Count == 0 ? null : timers.Min(t => t.Due);
        }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate) target = now + by;
        while (true)
        {
            FakeTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null) { now = target; return; }
                if (next.Due > now) now = next.Due;
                timers.Remove(next);
                if (next.Period is { } period) { next.Due = now + period; timers.Add(next); }
            }
            next.Fire();
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion by moving the clock from timer to timer, up to
    /// <paramref name="limit"/> of fake time. Throws when the task neither completes nor waits on a timer.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan? limit = null)
    {
        await DriveAsync(task, limit);
        return await task;
    }

    public async Task RunAsync(Task task, TimeSpan? limit = null)
    {
        await DriveAsync(task, limit);
        await task;
    }

    private async Task DriveAsync(Task task, TimeSpan? limit)
    {
        var end = GetUtcNow() + (limit ?? TimeSpan.FromHours(1));
        var giveUp = global::System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await SettleAsync(task);
            if (task.IsCompleted) return;
            if (NextDue is not { } due || due > end)
            {
                // Still running somewhere, or truly stuck: the safety net is generous wall-clock time, never a timing assumption.
                if (giveUp.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("the task neither completed nor waits on a fake timer");
                continue;
            }
            var step = due - GetUtcNow();
            Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Lets continuations that a fired timer sent to the thread pool run (Task.Delay on a
    /// TimeProvider always continues asynchronously) until nothing touches the timers any more,
    /// so the clock never jumps to a timer the code under test was about to dispose. Waits for
    /// the code under test to go quiet, never for an amount of time to pass.
    /// </summary>
    private async Task SettleAsync(Task task)
    {
        var last = Volatile.Read(ref version);
        var quietSince = global::System.Diagnostics.Stopwatch.StartNew();
        var quietRounds = 0;
        while (!task.IsCompleted && (quietRounds < 200 || quietSince.Elapsed < TimeSpan.FromMilliseconds(20)))
        {
            await Task.Yield();
            var now = Volatile.Read(ref version);
            if (now != last || ThreadPool.PendingWorkItemCount > 0)
            {
                last = now;
                quietRounds = 0;
                quietSince.Restart();
            }
            else quietRounds++;
        }
    }

    private long version;

    /// <summary>Marks activity of the code under test (timers changing, upstream calls).</summary>
    public void Touch() => Interlocked.Increment(ref version);

    private void Remove(FakeTimer timer)
    {
        Touch();
        lock (gate) timers.Remove(timer);
    }

    private void Schedule(FakeTimer timer, TimeSpan due, TimeSpan period)
    {
        Touch();
        lock (gate)
        {
            timers.Remove(timer);
            if (due == Timeout.InfiniteTimeSpan) return;
            timer.Due = now + due;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            timers.Add(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }
        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
