namespace Switchyard.Storage.Writing;

/// <summary>How the writer batches and where it spills (request_log in the config).</summary>
public sealed record RequestLogWriterOptions
{
    /// <summary>
    /// How long a row may wait before its batch is written: the most a kill -9 can lose. Zero writes
    /// each row before its request finishes (synchronous: the request waits on the disk). Default 50 ms.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>The spill file: rows wait there while the store is down.</summary>
    public required string SpillPath { get; init; }
    /// <summary>Largest spill file. Default 64 MiB (about 50,000 rows without bodies).</summary>
    public long SpillMaxBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>When the store is down and the spill file is full: refuse new requests (true, default) or serve them and drop their rows, counted.</summary>
    public bool FailClosed { get; init; } = true;
    /// <summary>Rows the in-memory queue holds. Default 10,000.</summary>
    public int QueueCapacity { get; init; } = 10_000;
    /// <summary>Most rows per transaction. Default 1,000.</summary>
    public int MaxBatch { get; init; } = 1_000;
    /// <summary>How often a down store is tried again. Default 1 s.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);
}
