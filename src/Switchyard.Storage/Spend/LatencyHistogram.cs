using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

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
        while (NextPair(ref text, out var bucket, out var count)) Add(bucket, count);
    }

    /// <summary>Takes the next "bucket:count" pair off the front of a stored histogram (skipping malformed ones); false at its end.</summary>
    private static bool NextPair(ref ReadOnlySpan<char> text, out int bucket, out long count)
    {
        while (!text.IsEmpty)
        {
            var comma = text.IndexOf(',');
            var pair = comma < 0 ? text : text[..comma];
            text = comma < 0 ? [] : text[(comma + 1)..];
            var colon = pair.IndexOf(':');
            if (colon <= 0) continue;
            bucket = int.Parse(pair[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
            count = long.Parse(pair[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            return true;
        }
        (bucket, count) = (0, 0);
        return false;
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
    public string Format() => Merged([]);

    /// <summary>
    /// The stored form of <paramref name="stored"/> (a stored histogram) plus these counts: what
    /// parsing it into a copy, adding this and formatting would give, in one pass over the text when
    /// its buckets ascend without repeats (as <see cref="Format"/> writes them; the migration's
    /// backfill may not), so the writer adds a batch to a rollup cell without a dictionary or a
    /// string per bucket (bench/RESULTS.md, "request log write").
    /// </summary>
    public string Merged(ReadOnlySpan<char> stored)
    {
        var added = Sorted();
        // Enough room: each of our buckets either adds a pair (at most PairChars) or lengthens a stored count (by fewer).
        var output = ArrayPool<char>.Shared.Rent(stored.Length + added.Length * PairChars);
        try
        {
            var written = 0;
            var next = 0; // the next of this histogram's buckets to write
            var last = -1;
            var rest = stored;
            while (NextPair(ref rest, out var bucket, out var count))
            {
                if (bucket <= last) return Slow(stored); // out of order: not a one-pass merge
                last = bucket;
                while (next < added.Length && added[next] < bucket) Write(output, ref written, added[next], counts[added[next++]]);
                if (next < added.Length && added[next] == bucket) count += counts[added[next++]];
                Write(output, ref written, bucket, count);
            }
            while (next < added.Length) Write(output, ref written, added[next], counts[added[next++]]);
            return new string(output, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(output);
        }
    }

    /// <summary>The longest pair written: a comma, an int, a colon and a long.</summary>
    private const int PairChars = 1 + 11 + 1 + 20;

    private static void Write(char[] output, ref int at, int bucket, long count)
    {
        if (at > 0) output[at++] = ',';
        bucket.TryFormat(output.AsSpan(at), out var n, default, CultureInfo.InvariantCulture);
        at += n;
        output[at++] = ':';
        count.TryFormat(output.AsSpan(at), out n, default, CultureInfo.InvariantCulture);
        at += n;
    }

    private string Slow(ReadOnlySpan<char> stored)
    {
        var copy = new LatencyHistogram();
        copy.Add(stored);
        copy.Add(this);
        return copy.Format();
    }

    private int[] Sorted()
    {
        var buckets = counts.Keys.ToArray();
        Array.Sort(buckets);
        return buckets;
    }
}
