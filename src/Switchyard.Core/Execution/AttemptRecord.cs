namespace Switchyard.Core.Execution;

/// <summary>One upstream call and how it ended; the request log and headers read these.</summary>
/// <param name="Outcome">"ok", or the <see cref="Upstream.UpstreamErrorKind"/> name of the failure.</param>
public sealed record AttemptRecord(string DeploymentId, string Outcome, int? Status, TimeSpan Elapsed, string? Error);

/// <summary>What execution did for one request, filled as it goes.</summary>
public sealed class ExecutionTrace
{
    private readonly List<AttemptRecord> attempts = [];
    public IReadOnlyList<AttemptRecord> Attempts => attempts;
    public Runtime.Deployment? Answered { get; internal set; }
    internal void Add(AttemptRecord record) => attempts.Add(record);

    /// <summary>Time spent in upstream attempts plus <paramref name="more"/> (a stream's wait between chunks); null when no attempt ran.</summary>
    public TimeSpan? UpstreamTime(TimeSpan more = default) =>
        attempts.Count == 0 ? null : attempts.Aggregate(more, (sum, a) => sum + a.Elapsed);
}
