using System.Buffers;
using System.Diagnostics.Metrics;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>
/// Aggregates one Meter's measurements for <c>GET /metrics</c> (prometheus-net is not available here,
/// and the format is small): a MeterListener subscribed to that Meter instance only, cumulative
/// sums and histograms per series, observable instruments read at scrape time.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<MetricFamily> families = [];
    private readonly Lock gate = new();
    /// <summary>Stamps the observations of one scrape, so observed series that vanished are not printed.</summary>
    private long generation;

    public PrometheusCollector(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (!ReferenceEquals(instrument.Meter, meter) || MetricFamily.For(instrument) is not { } family) return;
            lock (gate) families.Add(family);
            l.EnableMeasurementEvents(instrument, family);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags, Volatile.Read(ref generation)));
        listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags, Volatile.Read(ref generation)));
        listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags, Volatile.Read(ref generation)));
        listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((MetricFamily)state!).Record(value, tags, Volatile.Read(ref generation)));
        listener.Start();
    }

    /// <summary>Writes every metric in the text exposition format. Scrapes are serialized; recording never waits for them.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        lock (gate)
        {
            var current = Interlocked.Increment(ref generation);
            listener.RecordObservableInstruments();
            foreach (var family in families) family.Write(output, current);
        }
    }

    public void Dispose() => listener.Dispose();
}
