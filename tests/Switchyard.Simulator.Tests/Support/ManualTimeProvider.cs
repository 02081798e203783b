namespace Switchyard.Simulator.Tests.Support;

/// <summary>
/// A clock the test moves by hand. Only the wall clock is faked (outage windows and rate-limit
/// windows read it); timers and timestamps stay real, so delays still work.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
