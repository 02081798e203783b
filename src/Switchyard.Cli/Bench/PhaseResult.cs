namespace Switchyard.Cli.Bench;

/// <summary>
/// The figures of one phase against one target. Latencies in ms; "added" figures are this target's
/// percentile minus the same percentile of the direct (simulator) run of the same phase; CPU and RSS
/// only when the target's process id is known.
/// </summary>
public sealed record PhaseResult
{
    public required string Phase { get; init; }
    public required string Target { get; init; }
    public required bool Stream { get; init; }
    public double? OfferedRate { get; init; }
    public int? Connections { get; init; }
    public required double Seconds { get; init; }
    public required long Sent { get; init; }
    public required long Ok { get; init; }
    public required long Errors { get; init; }
    public string? FirstError { get; init; }
    public required double RequestsPerSecond { get; init; }
    public double? P50Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? P999Ms { get; init; }
    public double? TtftP50Ms { get; init; }
    public double? TtftP99Ms { get; init; }
    public double? TtftP999Ms { get; init; }
    public double? AddedP50Ms { get; set; }
    public double? AddedP99Ms { get; set; }
    public double? AddedP999Ms { get; set; }
    public double? AddedTtftP50Ms { get; set; }
    public double? AddedTtftP99Ms { get; set; }
    public double? AddedTtftP999Ms { get; set; }
    public double? CpuSeconds { get; init; }
    public double? CpuSecondsPer1000 { get; init; }
    /// <summary>The target's thread context switches per answered request (/proc/PID/task/*/status): how often a request made its threads wait and wake.</summary>
    public double? ContextSwitchesPerRequest { get; init; }
    public double? RssMb { get; init; }
    public double? PeakRssMb { get; init; }
    /// <summary>Bytes the target's runtime allocated per answered request (from its /metrics; Switchyard only).</summary>
    public double? AllocatedKbPerRequest { get; init; }
    /// <summary>Milliseconds per second of the phase the target's GC paused it (from its /metrics; Switchyard only).</summary>
    public double? GcPauseMsPerSecond { get; init; }
    public double? GcCollections { get; init; }
    public required string LoadAverage { get; init; }

    /// <summary>Sets the added-latency figures against the direct run of the same phase.</summary>
    public void CompareWith(PhaseResult direct)
    {
        AddedP50Ms = P50Ms - direct.P50Ms;
        AddedP99Ms = P99Ms - direct.P99Ms;
        AddedP999Ms = P999Ms - direct.P999Ms;
        if (!Stream) return;
        AddedTtftP50Ms = TtftP50Ms - direct.TtftP50Ms;
        AddedTtftP99Ms = TtftP99Ms - direct.TtftP99Ms;
        AddedTtftP999Ms = TtftP999Ms - direct.TtftP999Ms;
    }
}
