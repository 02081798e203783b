namespace Switchyard.Storage.Writing;

/// <summary>
/// What the request log writer did, as plain counters (no Meter): telemetry reads them for
/// /metrics and OTLP. Each writer has its own (registered in DI) and adds to <see cref="Process"/>,
/// the totals of the process. Every row ends in exactly one of written, spilled-then-replayed or
/// dropped; a dropped row is also a warning log line with its request id.
/// </summary>
public sealed class RequestLogCounters(RequestLogCounters? parent = null)
{
    /// <summary>Totals over every writer of the process.</summary>
    public static RequestLogCounters Process { get; } = new();

    private long written, spilled, replayed, dropped, storeFailures, spillBytes, queueDepth, storeDown;

    /// <summary>Rows written to the store (directly or from the spill file).</summary>
    public long RowsWritten => Interlocked.Read(ref written);
    /// <summary>Rows put in the spill file because the store was down.</summary>
    public long RowsSpilled => Interlocked.Read(ref spilled);
    /// <summary>Rows moved from the spill file into the store once it was back.</summary>
    public long RowsReplayed => Interlocked.Read(ref replayed);
    /// <summary>Rows lost: the store was down and the spill file full (request_log.on_full: serve), or the queue overflowed.</summary>
    public long RowsDropped => Interlocked.Read(ref dropped);
    /// <summary>Writes to the store that failed (each one sends its batch to the spill file).</summary>
    public long StoreFailures => Interlocked.Read(ref storeFailures);
    /// <summary>Current size of the spill file.</summary>
    public long SpillBytes => Interlocked.Read(ref spillBytes);
    /// <summary>Rows waiting in the queue for the writer.</summary>
    public long QueueDepth => Interlocked.Read(ref queueDepth);
    /// <summary>1 while the store is down (rows go to the spill file), else 0.</summary>
    public long StoreDown => Interlocked.Read(ref storeDown);

    internal void Written(long n) { Interlocked.Add(ref written, n); parent?.Written(n); }
    internal void Spilled(long n) { Interlocked.Add(ref spilled, n); parent?.Spilled(n); }
    internal void Replayed(long n) { Interlocked.Add(ref replayed, n); parent?.Replayed(n); }
    internal void Dropped(long n) { Interlocked.Add(ref dropped, n); parent?.Dropped(n); }
    internal void StoreFailed() { Interlocked.Increment(ref storeFailures); parent?.StoreFailed(); }
    internal void SpillSize(long bytes) => Interlocked.Exchange(ref spillBytes, bytes);
    internal void Queue(long delta) { Interlocked.Add(ref queueDepth, delta); parent?.Queue(delta); }
    internal void Down(bool down) => Interlocked.Exchange(ref storeDown, down ? 1 : 0);
}
