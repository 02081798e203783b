namespace Switchyard.Core.Health;

/// <summary>One time slice of a <see cref="BucketRing{T}"/>.</summary>
internal interface ITimeBucket
{
    void Clear();
}

/// <summary>
/// A sliding window as a fixed ring of time buckets: memory stays bounded whatever the traffic,
/// and a bucket older than the window is cleared when its slot comes round again. The window
/// slides by one bucket width at a time. Not thread-safe: the owner locks.
/// </summary>
internal sealed class BucketRing<T> where T : class, ITimeBucket, new()
{
    private readonly T[] buckets;
    private readonly long[] slots;
    private readonly long width;

    public BucketRing(TimeSpan window, int count)
    {
        buckets = new T[count];
        slots = new long[count];
        for (var i = 0; i < count; i++) { buckets[i] = new T(); slots[i] = long.MinValue; }
        width = Math.Max(1, window.Ticks / count);
        Window = window;
    }

    public TimeSpan Window { get; }

    /// <summary>The bucket for <paramref name="now"/>, cleared first if it last held an older slice.</summary>
    public T Current(DateTimeOffset now)
    {
        var slot = now.UtcTicks / width;
        var i = (int)(slot % buckets.Length);
        if (slots[i] != slot)
        {
            buckets[i].Clear();
            slots[i] = slot;
        }
        return buckets[i];
    }

    /// <summary>The buckets still inside the window at <paramref name="now"/>.</summary>
    public IEnumerable<T> Live(DateTimeOffset now)
    {
        var slot = now.UtcTicks / width;
        for (var i = 0; i < buckets.Length; i++)
            if (slots[i] > slot - buckets.Length && slots[i] <= slot) yield return buckets[i];
    }

    /// <summary>The live buckets with their age in bucket widths (0 = the current one).</summary>
    public IEnumerable<(T Bucket, int Age)> LiveWithAge(DateTimeOffset now)
    {
        var slot = now.UtcTicks / width;
        for (var i = 0; i < buckets.Length; i++)
            if (slots[i] > slot - buckets.Length && slots[i] <= slot) yield return (buckets[i], (int)(slot - slots[i]));
    }

    /// <summary>When the window next changes by itself (the oldest live bucket drops out).</summary>
    public DateTimeOffset NextSlide(DateTimeOffset now) => new((now.UtcTicks / width + 1) * width, TimeSpan.Zero);

    public void Clear()
    {
        for (var i = 0; i < buckets.Length; i++) { buckets[i].Clear(); slots[i] = long.MinValue; }
    }
}
