using System.Runtime.CompilerServices;
using Switchyard.Core.Chat;
using Switchyard.Core.Health;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>
/// The rest of a stream after its first chunk. A stall (no chunk for the configured time) or the
/// attempt's total running out becomes an <see cref="UpstreamException"/>, which the responder
/// turns into DESIGN.md's end of a failed stream (error event, aborted connection). When the
/// stream ends, however it ends, its outcome goes to health once: latency = time to first chunk,
/// duration = the whole stream, output tokens from the final usage chunk.
/// </summary>
internal sealed class GuardedStream(
    IAsyncEnumerator<ChatCompletionChunk> inner,
    AttemptTimeouts timeouts,
    Deployment deployment,
    UpstreamCall call,
    long started,
    TimeSpan timeToFirstChunk,
    IHealthRegistry health,
    TimeProvider time,
    CancellationToken outer) : IAsyncEnumerator<ChatCompletionChunk>
{
    private int? outputTokens;
    private bool finished;

    public ChatCompletionChunk Current => inner.Current;

    // Pooled: on a live stream every call suspends, and a new state-machine box per chunk was
    // ~100 B of each forwarded chunk (bench StreamRelay). The responder awaits each result once.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync()
    {
        bool more;
        try
        {
            more = await inner.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (timeouts.Expired is { } reason && ex is OperationCanceledException or UpstreamException)
        {
            var failure = new UpstreamException(timeouts.Stalled ? UpstreamErrorKind.StreamInterrupted : UpstreamErrorKind.Timeout,
                $"Provider '{deployment.Provider.Name}' {reason}.", inner: ex);
            Finish(failure);
            throw failure;
        }
        catch (UpstreamException ex)
        {
            Finish(ex);
            throw;
        }
        catch (OperationCanceledException) when (outer.IsCancellationRequested)
        {
            Finish(null); // the client left or the deadline passed: nothing learned about the deployment
            throw;
        }
        if (!more)
        {
            Finish(null);
            return false;
        }
        timeouts.ChunkArrived();
        if (inner.Current.Usage is { } usage) outputTokens = usage.CompletionTokens;
        return true;
    }

    private void Finish(UpstreamException? failure)
    {
        if (finished) return;
        finished = true;
        health.RecordAttempt(ChatExecutor.Outcome(deployment, call.Response, failure, timeToFirstChunk, outputTokens, time.GetElapsedTime(started)));
    }

    public async ValueTask DisposeAsync()
    {
        Finish(null); // stopped early by the reader: the deployment did answer
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            timeouts.Dispose();
        }
    }
}
