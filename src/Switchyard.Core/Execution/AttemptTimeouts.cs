namespace Switchyard.Core.Execution;

/// <summary>
/// One attempt's clocks, all on <see cref="TimeProvider"/>: the attempt's total (a stream's whole
/// duration), and for streams a phase clock that first limits the time to the first chunk and then,
/// reset on every chunk, the gap between chunks (a stall). <see cref="Token"/> also carries the
/// caller's token (client gone, request deadline); <see cref="Expired"/> tells whether it was one of
/// ours that fired, which makes the failure the deployment's.
/// </summary>
/// <remarks>
/// Both clocks share one source and one timer, set to whichever limit comes first (and set again on
/// every chunk); the caller's token cancels that source through one registration. Three sources
/// linked into a fourth cost ~700 B and two timers per streamed call (bench/RESULTS.md).
/// </remarks>
internal sealed class AttemptTimeouts : IDisposable
{
    private readonly CancellationTokenSource clock;
    private readonly CancellationTokenRegistration fromCaller;
    private readonly CancellationToken outer;
    private readonly ResilienceSettings settings;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly bool streaming;
    private bool firstChunkSeen;
    private volatile bool phaseFirst; // the clock is set to the phase's limit (it comes before the total's)

    public AttemptTimeouts(TimeProvider time, ResilienceSettings settings, bool streaming, CancellationToken outer)
    {
        this.settings = settings;
        this.outer = outer;
        this.time = time;
        this.streaming = streaming;
        started = time.GetTimestamp();
        clock = new CancellationTokenSource(Due(TimeSpan.Zero, streaming ? settings.FirstByteTimeout : Timeout.InfiniteTimeSpan), time);
        fromCaller = outer.UnsafeRegister(static source => Cancel((CancellationTokenSource)source!), clock);
    }

    public CancellationToken Token => clock.Token;

    /// <summary>A chunk arrived: the stall clock starts over.</summary>
    public void ChunkArrived()
    {
        firstChunkSeen = true;
        if (!streaming || clock.IsCancellationRequested) return;
        var elapsed = time.GetElapsedTime(started);
        try { clock.CancelAfter(Due(elapsed, settings.StreamStall)); }
        catch (ObjectDisposedException) { } // the attempt ended while a chunk was being read
    }

    /// <summary>
    /// From now (<paramref name="elapsed"/> into the attempt), the time until the first of the total
    /// limit and the phase limit <paramref name="phase"/>; notes which one that is.
    /// </summary>
    private TimeSpan Due(TimeSpan elapsed, TimeSpan phase)
    {
        var total = Remaining(settings.AttemptTimeout, elapsed);
        phaseFirst = phase != Timeout.InfiniteTimeSpan && (total == Timeout.InfiniteTimeSpan || phase < total);
        return phaseFirst ? phase : total;
    }

    private static TimeSpan Remaining(TimeSpan limit, TimeSpan elapsed) =>
        limit == Timeout.InfiniteTimeSpan ? limit : limit > elapsed ? limit - elapsed : TimeSpan.Zero;

    private static void Cancel(CancellationTokenSource source)
    {
        try { source.Cancel(); }
        catch (ObjectDisposedException) { } // the attempt ended as the caller cancelled
    }

    /// <summary>Which of this attempt's own limits fired (null when none did, or the caller cancelled).</summary>
    public string? Expired
    {
        get
        {
            if (outer.IsCancellationRequested || !clock.IsCancellationRequested) return null;
            if (!phaseFirst) return $"did not finish within the attempt timeout of {settings.AttemptTimeout.TotalSeconds:0.###} s";
            return firstChunkSeen
                ? $"stalled: no chunk for {settings.StreamStall.TotalSeconds:0.###} s"
                : $"sent no first chunk within {settings.FirstByteTimeout.TotalSeconds:0.###} s";
        }
    }

    public bool Stalled => Expired is not null && firstChunkSeen && phaseFirst;

    public void Dispose()
    {
        fromCaller.Dispose();
        clock.Dispose();
    }
}
