using System.Diagnostics;
using Switchyard.Core.Chat;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>
/// Runs a plan: calls the deployments in order and falls back on failures that another deployment
/// may not repeat. Streams fall back only until their first chunk has been received: nothing has
/// reached the client before that. Retries, breakers and per-attempt timeouts arrive with the
/// resilience work; this is the fallback core they wrap.
/// </summary>
public sealed class ChatExecutor(ProviderAdapterRegistry adapters, TimeProvider time)
{
    public async Task<(ChatCompletion Completion, UpstreamCall Call)> CompleteAsync(
        IReadOnlyList<Deployment> plan, ChatRequest request, ExecutionTrace trace, CancellationToken cancellationToken)
    {
        UpstreamException? last = null;
        foreach (var deployment in plan)
        {
            var call = CallFor(deployment, request);
            var started = time.GetTimestamp();
            try
            {
                var completion = await adapters.For(deployment.Provider.Kind).CompleteAsync(call, cancellationToken).ConfigureAwait(false);
                trace.Add(new AttemptRecord(deployment.Id, "ok", call.Response.StatusCode, time.GetElapsedTime(started), null));
                trace.Answered = deployment;
                return (completion, call);
            }
            catch (UpstreamException ex)
            {
                trace.Add(Failed(deployment, ex, started));
                last = ex;
                if (!FallbackRules.ShouldFallBack(ex)) break;
            }
        }
        throw FallbackRules.ToClientError(last ?? NoPlan(), trace);
    }

    /// <summary>Starts a stream and returns once its first chunk arrived, with the rest still to read.</summary>
    public async Task<StreamStart> StartStreamAsync(
        IReadOnlyList<Deployment> plan, ChatRequest request, ExecutionTrace trace, CancellationToken cancellationToken)
    {
        UpstreamException? last = null;
        foreach (var deployment in plan)
        {
            var call = CallFor(deployment, request);
            var started = time.GetTimestamp();
            var chunks = adapters.For(deployment.Provider.Kind).StreamAsync(call, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                    throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, $"Provider '{deployment.Provider.Name}' ended the stream without a chunk.");
                trace.Add(new AttemptRecord(deployment.Id, "ok", call.Response.StatusCode, time.GetElapsedTime(started), null));
                trace.Answered = deployment;
                return new StreamStart(deployment, call, chunks.Current, chunks, started);
            }
            catch (UpstreamException ex)
            {
                await chunks.DisposeAsync().ConfigureAwait(false);
                trace.Add(Failed(deployment, ex, started));
                last = ex;
                if (!FallbackRules.ShouldFallBack(ex)) break;
            }
            catch
            {
                await chunks.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        throw FallbackRules.ToClientError(last ?? NoPlan(), trace);
    }

    public async Task<(EmbeddingResponse Response, Deployment Deployment)> EmbedAsync(
        IReadOnlyList<Deployment> plan, EmbeddingRequest request, ExecutionTrace trace, CancellationToken cancellationToken)
    {
        UpstreamException? last = null;
        foreach (var deployment in plan)
        {
            var call = new UpstreamEmbeddingCall(deployment.Provider, deployment.UpstreamModel, request);
            var started = time.GetTimestamp();
            try
            {
                var response = await adapters.For(deployment.Provider.Kind).EmbedAsync(call, cancellationToken).ConfigureAwait(false);
                trace.Add(new AttemptRecord(deployment.Id, "ok", call.Response.StatusCode, time.GetElapsedTime(started), null));
                trace.Answered = deployment;
                return (response, deployment);
            }
            catch (UpstreamException ex)
            {
                trace.Add(Failed(deployment, ex, started));
                last = ex;
                if (!FallbackRules.ShouldFallBack(ex)) break;
            }
        }
        throw FallbackRules.ToClientError(last ?? NoPlan(), trace);
    }

    private static UpstreamCall CallFor(Deployment deployment, ChatRequest request) =>
        new(deployment.Provider, deployment.UpstreamModel, request, deployment.MaxOutputTokens);

    private AttemptRecord Failed(Deployment deployment, UpstreamException ex, long started) =>
        new(deployment.Id, ex.Kind.ToString(), ex.StatusCode, time.GetElapsedTime(started), ex.Message);

    private static UpstreamException NoPlan() => new(UpstreamErrorKind.Unsupported, "The plan has no deployment.");
}

/// <summary>A stream whose first chunk has arrived; the caller reads the rest from <see cref="Rest"/> and disposes it.</summary>
public sealed record StreamStart(Deployment Deployment, UpstreamCall Call, ChatCompletionChunk First, IAsyncEnumerator<ChatCompletionChunk> Rest, long StartedTimestamp);
