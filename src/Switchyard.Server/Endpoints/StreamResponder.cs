using Microsoft.AspNetCore.Http;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;
using Switchyard.Server.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>
/// Relays a stream chunk by chunk. Headers go out only once the first upstream chunk arrived, so
/// every failure before that can still fall back or become a proper error status. After the first
/// byte, a failure ends the stream as DESIGN.md says: an error event, then an aborted connection
/// (no [DONE]), so no client mistakes a cut answer for a complete one.
/// </summary>
public static class StreamResponder
{
    /// <returns>What accounting needs: the usage the upstream reported (null when none) and the content sent.</returns>
    public static async Task<StreamTally> RespondAsync(HttpContext context, ChatExecutor executor, IReadOnlyList<Deployment> plan,
        ChatRequest request, ExecutionTrace trace, RequestDeadline deadline, ResilienceSettings resilience)
    {
        // The rest of the stream keeps the attempt's stall and total limits: a stall becomes an UpstreamException below.
        var start = await executor.StartStreamAsync(plan, request, trace, new ExecutionLimits(resilience, deadline.At), deadline.Token);
        await using var rest = start.Rest;
        var response = context.Response;
        SwitchyardHeaders.WriteExecution(response, trace);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // keep reverse proxies from buffering the stream

        using var writer = new SseChunkWriter(response.BodyWriter);
        var clientWantsUsage = request.IncludeUsage;
        var tally = new StreamTally(RequestLog.RequestLogCapture.KeepsBodies(context));
        var chunk = start.First;
        while (true)
        {
            if (chunk.Usage is not null && chunk.Choices.Count == 0)
            {
                tally.Usage = chunk.Usage; // accounting needs it whether or not the client asked to see it
                if (clientWantsUsage) await writer.WriteChunkAsync(chunk, deadline.Token);
            }
            else
            {
                tally.Count(chunk);
                await writer.WriteChunkAsync(chunk, deadline.Token);
                tally.FirstChunkSent ??= tally.Clock.Elapsed;
            }

            try
            {
                var waited = tally.Clock.Elapsed;
                var next = await rest.MoveNextAsync();
                tally.UpstreamWait += tally.Clock.Elapsed - waited;
                if (!next) break;
                chunk = rest.Current;
            }
            catch (UpstreamException ex)
            {
                await FailAfterFirstByteAsync(context, writer, ex.Message, "upstream_error", "stream_interrupted");
                return tally;
            }
            catch (OperationCanceledException) when (deadline.Expired)
            {
                await FailAfterFirstByteAsync(context, writer, $"The request did not complete within its deadline of {deadline.Seconds:0.###} s.", "timeout_error", "deadline_exceeded");
                return tally;
            }
        }
        await writer.WriteDoneAsync(deadline.Token);
        return tally;
    }

    /// <summary>
    /// Kestrel drops output still queued in its transport when a connection is aborted, so the
    /// error event is given this long to reach the socket before the abort. Only failing streams pay it.
    /// </summary>
    private static readonly TimeSpan ErrorEventGrace = TimeSpan.FromMilliseconds(500);

    private static async Task FailAfterFirstByteAsync(HttpContext context, SseChunkWriter writer, string message, string type, string code)
    {
        try
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            grace.CancelAfter(TimeSpan.FromSeconds(5));
            await writer.WriteErrorAsync(message, type, code, grace.Token);
            await Task.Delay(ErrorEventGrace, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client is gone already, or not reading; aborting below is all that is left.
        }
        context.Abort();
    }
}

/// <summary>What a relayed stream carried, for accounting: the upstream's usage, or enough to estimate it.</summary>
public sealed class StreamTally(bool keepText = false)
{
    /// <summary>Started with the tally: the durations below are measured on it.</summary>
    public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();
    /// <summary>When the first chunk went to the client, from the tally's start.</summary>
    public TimeSpan? FirstChunkSent { get; set; }
    /// <summary>Time spent waiting for the upstream's next chunk.</summary>
    public TimeSpan UpstreamWait { get; set; }
    /// <summary>The content's hash, and its text when body logging is on.</summary>
    public ResponseDigest Digest { get; } = new(keepText);

    public Usage? Usage { get; set; }
    public int ContentDeltas { get; private set; }
    public long ContentChars { get; private set; }

    public void Count(ChatCompletionChunk chunk)
    {
        Digest.Add(chunk);
        foreach (var choice in chunk.Choices)
        {
            var delta = choice.Delta;
            var chars = (delta.Content?.Length ?? 0) + (delta.ToolCalls?.Sum(t => t.Function?.Arguments?.Length ?? 0) ?? 0);
            if (chars == 0) continue;
            ContentDeltas++;
            ContentChars += chars;
        }
    }
}
