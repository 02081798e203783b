using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Switchyard.Storage.Spend;

/// <summary>
/// Request counts per <see cref="LatencyBuckets"/> bucket (γ = 1.04). The spend rollup stores one
/// per row as sparse "bucket:count" pairs joined by commas, e.g. "140:3,152:1"; merging adds the
/// counts, so a rollup row's percentiles are exactly those of its rows' buckets (within 2% of the
/// exact latencies, the same as read from the rows). Parsing allocates nothing: a 30-day report
/// reads tens of thousands of these.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly Dictionary<int, long> counts = [];

    public void Add(int bucket, long count) => CollectionsMarshal.GetValueRefOrAddDefault(counts, bucket, out _) += count;

    /// <summary>Adds the pairs of a stored histogram (their order, and a bucket repeated, do not matter).</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var comma = text.IndexOf(',');
            var pair = comma < 0 ? text : text[..comma];
            text = comma < 0 ? [] : text[(comma + 1)..];
            var colon = pair.IndexOf(':');
            if (colon <= 0) continue;
            Add(int.Parse(pair[..colon], NumberStyles.None, CultureInfo.InvariantCulture), long.Parse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
        }
    }

    public void Add(LatencyHistogram other)
    {
        foreach (var (bucket, count) in other.counts) Add(bucket, count);
    }

    /// <summary>The q-quantile (0..1) by nearest rank, as the value its bucket stands for; null when empty.</summary>
    public double? Quantile(double q)
    {
        long total = 0;
        foreach (var count in counts.Values) total += count;
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        var sorted = Sorted();
        foreach (var bucket in sorted)
        {
            seen += counts[bucket];
            if (seen >= rank) return LatencyBuckets.ValueOf(bucket);
        }
        return LatencyBuckets.ValueOf(sorted[^1]);
    }

    /// <summary>The stored form, buckets ascending.</summary>
    public string Format()
    {
        var text = new StringBuilder(counts.Count * 8);
        foreach (var bucket in Sorted())
        {
            if (text.Length > 0) text.Append(',');
            text.Append(bucket.ToString(CultureInfo.InvariantCulture)).Append(':').Append(counts[bucket].ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    private int[] Sorted()
    {
        var buckets = counts.Keys.ToArray();
        Array.Sort(buckets);
        return buckets;
    }
}
