using System.Diagnostics;

namespace Switchyard.Cli.Bench;

/// <summary>
/// Latencies of one load phase, recorded as Stopwatch ticks into preallocated arrays (no allocation
/// per request), and their percentiles.
/// </summary>
public sealed class LatencySample(int capacity)
{
    private long[] values = new long[Math.Max(capacity, 16)];
    private int count;

    public int Count => count;

    /// <summary>Not thread-safe: each load worker owns its own sample; <see cref="Merge"/> joins them.</summary>
    public void Add(long ticks)
    {
        if (count == values.Length) Array.Resize(ref values, values.Length * 2);
        values[count++] = ticks;
    }

    public static LatencySample Merge(IEnumerable<LatencySample> parts)
    {
        var list = parts.ToList();
        var merged = new LatencySample(list.Sum(p => p.count));
        foreach (var p in list)
        {
            Array.Copy(p.values, 0, merged.values, merged.count, p.count);
            merged.count += p.count;
        }
        Array.Sort(merged.values, 0, merged.count);
        return merged;
    }

    /// <summary>The nearest-rank percentile in milliseconds (p in 0..100) of a merged (sorted) sample; null when empty.</summary>
    public double? PercentileMs(double p)
    {
        if (count == 0) return null;
        var rank = (int)Math.Ceiling(p / 100.0 * count) - 1;
        return values[Math.Clamp(rank, 0, count - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
