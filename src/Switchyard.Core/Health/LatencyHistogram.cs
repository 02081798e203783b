namespace Switchyard.Core.Health;

/// <summary>
/// Latencies in logarithmic buckets (each 20% wider than the last, 1 ms to about 35 minutes):
/// fixed memory, mergeable across time buckets. A percentile reads as the mean of the samples in
/// its bucket, so it is within 20% always and exact when the samples there are alike.
/// </summary>
internal sealed class LatencyHistogram
{
    public const int BucketCount = 80;
    private const double Growth = 1.2;
    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly int[] counts = new int[BucketCount];
    private readonly double[] sums = new double[BucketCount];

    public int Count { get; private set; }

    public void Add(double ms)
    {
        var i = Index(ms);
        counts[i]++;
        sums[i] += ms;
        Count++;
    }

    public void AddTo(LatencyHistogram total)
    {
        if (Count == 0) return;
        for (var i = 0; i < BucketCount; i++)
        {
            total.counts[i] += counts[i];
            total.sums[i] += sums[i];
        }
        total.Count += Count;
    }

    public void Clear()
    {
        Array.Clear(counts);
        Array.Clear(sums);
        Count = 0;
    }

    /// <summary>The <paramref name="quantile"/> (0-1) in ms; null when empty.</summary>
    public double? Percentile(double quantile)
    {
        if (Count == 0) return null;
        var rank = Math.Max(1, Math.Ceiling(quantile * Count));
        var seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            if (counts[i] == 0) continue;
            if (seen + counts[i] >= rank) return sums[i] / counts[i];
            seen += counts[i];
        }
        return Bounds(BucketCount - 1).High;
    }

    internal static int Index(double ms) =>
        ms < 1 ? 0 : Math.Min(BucketCount - 1, 1 + (int)(Math.Log(ms) / LogGrowth));

    /// <summary>Bucket 0 holds [0, 1) ms; bucket i holds [1.2^(i-1), 1.2^i) ms.</summary>
    internal static (double Low, double High) Bounds(int index) =>
        index == 0 ? (0, 1) : (Math.Pow(Growth, index - 1), Math.Pow(Growth, index));
}
