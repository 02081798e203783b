using System.Buffers;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>
/// Counters (added up), and gauges and observed counters (the last value wins). An observed series
/// that its callback stops reporting disappears from the next scrape.
/// </summary>
internal sealed class SumFamily(string name, string? help, string type, bool cumulativeObservations, bool observed)
    : MetricFamily<SumFamily.Series>(name, help, type)
{
    internal sealed class Series(byte[] line)
    {
        public readonly byte[] Line = line;
        public double Value;
        public long Generation;
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, long generation)
    {
        var series = SeriesFor(tags);
        if (cumulativeObservations) Volatile.Write(ref series.Value, value);
        else Add(ref series.Value, value);
        Volatile.Write(ref series.Generation, generation);
    }

    protected override Series CreateSeries(SeriesKey key) =>
        new([.. System.Text.Encoding.UTF8.GetBytes(Name), .. PrometheusText.Labels(key.Tags, open: false), (byte)' ']);

    protected override void WriteSeries(IBufferWriter<byte> output, Series series, long generation)
    {
        if (observed && Volatile.Read(ref series.Generation) != generation) return;
        output.Write(series.Line);
        PrometheusText.WriteNumber(output, Volatile.Read(ref series.Value));
        output.Write("\n"u8);
    }
}
