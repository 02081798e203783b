using System.Buffers;
using System.Text;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>A histogram: cumulative _bucket{le=...} lines, then _sum and _count.</summary>
internal sealed class HistogramFamily : MetricFamily<HistogramFamily.Series>
{
    /// <summary>OpenTelemetry's default explicit bounds, for an instrument that gives no advice.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly double[] bounds;
    private readonly byte[][] boundText;
    private readonly byte[] bucketName, sumName, countName;

    public HistogramFamily(string name, string? help, IReadOnlyList<double>? advisedBounds) : base(name, help, "histogram")
    {
        bounds = advisedBounds is { Count: > 0 } ? [.. advisedBounds.Order()] : DefaultBounds;
        boundText = [.. bounds.Select(PrometheusText.Bound), PrometheusText.Bound(double.PositiveInfinity)];
        bucketName = Encoding.UTF8.GetBytes(name + "_bucket");
        sumName = Encoding.UTF8.GetBytes(name + "_sum");
        countName = Encoding.UTF8.GetBytes(name + "_count");
    }

    internal sealed class Series(byte[] labels, byte[] openLabels, int buckets)
    {
        public readonly byte[] Labels = labels;
        /// <summary>The labels left open for le: <c>{a="x",le="</c>.</summary>
        public readonly byte[] BucketLabels = [.. openLabels, .. "le=\""u8];
        public readonly long[] Counts = new long[buckets];
        public double Sum;
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, long generation)
    {
        var series = SeriesFor(tags);
        // Prometheus buckets are "less than or equal": a value on a bound counts in that bound's bucket.
        var index = Array.BinarySearch(bounds, value);
        if (index < 0) index = ~index;
        Interlocked.Increment(ref series.Counts[index]);
        Add(ref series.Sum, value);
    }

    protected override Series CreateSeries(SeriesKey key) =>
        new(PrometheusText.Labels(key.Tags, open: false), PrometheusText.Labels(key.Tags, open: true), bounds.Length + 1);

    protected override void WriteSeries(IBufferWriter<byte> output, Series series, long generation)
    {
        long cumulative = 0;
        for (var i = 0; i < series.Counts.Length; i++)
        {
            cumulative += Volatile.Read(ref series.Counts[i]);
            output.Write(bucketName);
            output.Write(series.BucketLabels);
            output.Write(boundText[i]);
            output.Write("\"} "u8);
            PrometheusText.WriteNumber(output, cumulative);
            output.Write("\n"u8);
        }
        output.Write(sumName);
        output.Write(series.Labels);
        output.Write(" "u8);
        PrometheusText.WriteNumber(output, Volatile.Read(ref series.Sum));
        output.Write("\n"u8);
        // _count is the +Inf bucket read above, so the two always agree within one scrape.
        output.Write(countName);
        output.Write(series.Labels);
        output.Write(" "u8);
        PrometheusText.WriteNumber(output, cumulative);
        output.Write("\n"u8);
    }
}
