using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>One instrument's series and how it prints. Recording is lock-free; a series is created once.</summary>
internal abstract class MetricFamily<TSeries>(string name, string? help, string type) : MetricFamily
    where TSeries : class
{
    private readonly ConcurrentDictionary<SeriesKey, TSeries> series = new(SeriesKeyComparer.Instance);

    protected string Name { get; } = name;
    private readonly byte[] header = PrometheusText.Header(name, help, type);

    protected TSeries SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var lookup = series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        if (lookup.TryGetValue(tags, out var found)) return found;
        var key = SeriesKeyComparer.Instance.Create(tags);
        return series.GetOrAdd(key, CreateSeries);
    }

    protected abstract TSeries CreateSeries(SeriesKey key);

    protected abstract void WriteSeries(IBufferWriter<byte> output, TSeries series, long generation);

    public override void Write(IBufferWriter<byte> output, long generation)
    {
        output.Write(header);
        foreach (var entry in series) WriteSeries(output, entry.Value, generation);
    }
}

internal abstract class MetricFamily
{
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, long generation);

    public abstract void Write(IBufferWriter<byte> output, long generation);

    /// <summary>The family for an instrument, or null for a kind /metrics does not show.</summary>
    public static MetricFamily? For(Instrument instrument)
    {
        var counter = IsGeneric(instrument, typeof(Counter<>)) || IsGeneric(instrument, typeof(ObservableCounter<>));
        var name = PrometheusText.MetricName(instrument.Name, instrument.Unit, counter);
        if (IsGeneric(instrument, typeof(Counter<>)) || IsGeneric(instrument, typeof(UpDownCounter<>)))
            return new SumFamily(name, instrument.Description, counter ? "counter" : "gauge", cumulativeObservations: false, observed: false);
        if (IsGeneric(instrument, typeof(ObservableCounter<>)) || IsGeneric(instrument, typeof(ObservableUpDownCounter<>)))
            return new SumFamily(name, instrument.Description, counter ? "counter" : "gauge", cumulativeObservations: true, observed: true);
        if (IsGeneric(instrument, typeof(ObservableGauge<>)))
            return new SumFamily(name, instrument.Description, "gauge", cumulativeObservations: true, observed: true);
        if (IsGeneric(instrument, typeof(Gauge<>)))
            return new SumFamily(name, instrument.Description, "gauge", cumulativeObservations: true, observed: false);
        if (instrument is Histogram<double> h) return new HistogramFamily(name, instrument.Description, h.Advice?.HistogramBucketBoundaries);
        if (instrument is Histogram<long> l) return new HistogramFamily(name, instrument.Description, l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray());
        if (instrument is Histogram<int> i) return new HistogramFamily(name, instrument.Description, i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray());
        return null;
    }

    private static bool IsGeneric(Instrument instrument, Type definition) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == definition;

    /// <summary>Adds to a double without a lock.</summary>
    protected static void Add(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref target, current + value, current);
            if (seen.Equals(current)) return;
            current = seen;
        }
    }
}
