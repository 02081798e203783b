namespace Switchyard.Simulator.Options;

/// <summary>
/// A period of 503 answers. Give either <see cref="StartAfter"/>/<see cref="EndAfter"/>
/// (relative to the simulator's start, on its <see cref="TimeProvider"/>) or
/// <see cref="StartsAt"/>/<see cref="EndsAt"/> (absolute). A missing end means "forever".
/// </summary>
public sealed record OutageWindow
{
    public TimeSpan? StartAfter { get; set; }
    public TimeSpan? EndAfter { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }

    public static OutageWindow Relative(TimeSpan startAfter, TimeSpan endAfter) => new() { StartAfter = startAfter, EndAfter = endAfter };

    public static OutageWindow Absolute(DateTimeOffset startsAt, DateTimeOffset endsAt) => new() { StartsAt = startsAt, EndsAt = endsAt };

    /// <summary>Time left in the outage at <paramref name="now"/>, or null when it is not active.</summary>
    internal TimeSpan? Remaining(DateTimeOffset now, DateTimeOffset simulatorStart)
    {
        var start = StartsAt ?? simulatorStart + (StartAfter ?? TimeSpan.Zero);
        DateTimeOffset? end = EndsAt ?? (EndAfter is { } e ? simulatorStart + e : null);
        if (now < start || (end is { } stop && now >= stop)) return null;
        return end is { } until ? until - now : TimeSpan.MaxValue;
    }
}
