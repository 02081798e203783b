using System.Buffers;
using System.Diagnostics.Metrics;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>
/// Aggregates one Meter's measurements for <c>GET /metrics</c> (prometheus-net is not available here,
/// and the format is small): a MeterListener subscribed to that Meter instance, cumulative
/// sums and histograms per series, observable instruments read at scrape time. The runtime's own
/// "System.Runtime" meter is shown too (GC collections, pause time and allocated bytes, heap and
/// working-set size, CPU time, thread-pool queue, JIT, exceptions), as <c>dotnet_*</c>: what a
/// gateway operator checks when memory or latency drifts, and what the load harness reads per phase.
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<MetricFamily> families = [];
    private readonly Lock gate = new();
    /// <summary>Stamps the observations of one scrape, so observed series that vanished are not printed.</summary>
    private long generation;

    public const string RuntimeMeterName = "System.Runtime";

    public PrometheusCollector(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            var shown = ReferenceEquals(instrument.Meter, meter) || instrument.Meter.Name == RuntimeMeterName;
            if (!shown || MetricFamily.For(instrument) is not { } family) return;
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
