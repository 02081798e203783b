using System.Globalization;
using System.Text;

namespace Switchyard.Storage.Spend;

/// <summary>
/// A latency histogram over the fixed <see cref="LatencyBuckets"/> (γ = 1.04), as the spend rollup
/// stores it: sparse "bucket:count" pairs joined by commas, e.g. "140:3,152:1". Merging two adds
/// their counts, so a rollup row's percentiles are exactly those of its rows' buckets (within 2%
/// of the exact latencies, the same as from the rows themselves).
/// </summary>
public static class LatencyHistogram
{
    public static void AddTo(SortedDictionary<int, long> histogram, int bucket, long count) =>
        histogram[bucket] = histogram.GetValueOrDefault(bucket) + count;

    /// <summary>Adds the pairs of a stored histogram (order and repeated buckets do not matter).</summary>
    public static void AddTo(SortedDictionary<int, long> histogram, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':');
            AddTo(histogram, int.Parse(pair.AsSpan(0, colon), CultureInfo.InvariantCulture), long.Parse(pair.AsSpan(colon + 1), CultureInfo.InvariantCulture));
        }
    }

    public static string Format(SortedDictionary<int, long> histogram)
    {
        var text = new StringBuilder(histogram.Count * 8);
        foreach (var (bucket, count) in histogram)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(bucket.ToString(CultureInfo.InvariantCulture)).Append(':').Append(count.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
