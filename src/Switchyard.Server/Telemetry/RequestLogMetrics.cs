using System.Diagnostics.Metrics;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.Telemetry;

/// <summary>
/// The request log writer's counters as observable instruments, read at collection time (the writer
/// keeps plain counters and knows nothing of meters). Nothing is reported while the log is off.
/// </summary>
internal static class RequestLogMetrics
{
    public static void Register(Meter meter, Func<RequestLogCounters?> counters)
    {
        Counter(meter, counters, "switchyard.request_log.written", "Request log rows written to the store (directly or from the spill file).", c => c.RowsWritten);
        Counter(meter, counters, "switchyard.request_log.spilled", "Request log rows put in the spill file while the store was down.", c => c.RowsSpilled);
        Counter(meter, counters, "switchyard.request_log.dropped", "Request log rows lost (store down and spill file full with request_log.on_full: serve, or the queue overflowed); each is also logged.", c => c.RowsDropped);
        Counter(meter, counters, "switchyard.request_log.store_failures", "Failed writes to the request log store (each batch goes to the spill file).", c => c.StoreFailures, "{failure}");
        Gauge(meter, counters, "switchyard.request_log.queue_depth", "{row}", "Request log rows waiting for the writer.", c => c.QueueDepth);
        Gauge(meter, counters, "switchyard.request_log.spill_size", "By", "Current size of the request log spill file.", c => c.SpillBytes);
        Gauge(meter, counters, "switchyard.request_log.store_down", "1", "1 while the request log store is down (rows go to the spill file), else 0.", c => c.StoreDown);
    }

    private static void Counter(Meter meter, Func<RequestLogCounters?> counters, string name, string description, Func<RequestLogCounters, long> read, string unit = "{row}") =>
        meter.CreateObservableCounter(name, () => Read(counters(), read), unit, description);

    private static void Gauge(Meter meter, Func<RequestLogCounters?> counters, string name, string unit, string description, Func<RequestLogCounters, long> read) =>
        meter.CreateObservableGauge(name, () => Read(counters(), read), unit, description);

    private static Measurement<long>[] Read(RequestLogCounters? counters, Func<RequestLogCounters, long> read) =>
        counters is null ? [] : [new Measurement<long>(read(counters))];
}
