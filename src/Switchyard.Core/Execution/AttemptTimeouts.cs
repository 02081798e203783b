namespace Switchyard.Core.Execution;

/// <summary>
/// One attempt's clocks, all on <see cref="TimeProvider"/>: the attempt's total (a stream's whole
/// duration), and for streams a phase clock that first limits the time to the first chunk and then,
/// reset on every chunk, the gap between chunks (a stall). <see cref="Token"/> also carries the
/// caller's token (client gone, request deadline); <see cref="Expired"/> tells whether it was one of
/// ours that fired, which makes the failure the deployment's.
/// </summary>
internal sealed class AttemptTimeouts : IDisposable
{
    private readonly CancellationTokenSource total;
    private readonly CancellationTokenSource? phase; // streams only: a non-streaming attempt has no phases
    private readonly CancellationTokenSource linked;
    private readonly CancellationToken outer;
    private readonly ResilienceSettings settings;
    private bool firstChunkSeen;

    public AttemptTimeouts(TimeProvider time, ResilienceSettings settings, bool streaming, CancellationToken outer)
    {
        this.settings = settings;
        this.outer = outer;
        total = new CancellationTokenSource(settings.AttemptTimeout, time);
        if (streaming)
        {
            phase = new CancellationTokenSource(settings.FirstByteTimeout, time);
            linked = CancellationTokenSource.CreateLinkedTokenSource(outer, total.Token, phase.Token);
        }
        else
        {
            // Two sources rather than three (a phase clock that never fires still cost a source and a registration per call).
            linked = CancellationTokenSource.CreateLinkedTokenSource(outer, total.Token);
        }
    }

    public CancellationToken Token => linked.Token;

    /// <summary>A chunk arrived: the stall clock starts over.</summary>
    public void ChunkArrived()
    {
        firstChunkSeen = true;
        if (phase is { IsCancellationRequested: false }) phase.CancelAfter(settings.StreamStall);
    }

    /// <summary>Which of this attempt's own limits fired (null when none did, or the caller cancelled).</summary>
    public string? Expired
    {
        get
        {
            if (outer.IsCancellationRequested) return null;
            if (total.IsCancellationRequested) return $"did not finish within the attempt timeout of {settings.AttemptTimeout.TotalSeconds:0.###} s";
            if (phase is not { IsCancellationRequested: true }) return null;
            return firstChunkSeen
                ? $"stalled: no chunk for {settings.StreamStall.TotalSeconds:0.###} s"
                : $"sent no first chunk within {settings.FirstByteTimeout.TotalSeconds:0.###} s";
        }
    }

    public bool Stalled => Expired is not null && firstChunkSeen && !total.IsCancellationRequested;

    public void Dispose()
    {
        linked.Dispose();
        phase?.Dispose();
        total.Dispose();
    }
}
