using Switchyard.Core.Chat;
using Switchyard.Core.Health;
using Switchyard.Core.Routing;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>
/// Runs a plan. Each deployment in turn gets an attempt and, for failures that can succeed on a
/// second try, retries with backoff (<see cref="RetryPipelines"/>); then the next deployment, for
/// failures another deployment may not repeat (<see cref="FallbackRules"/>). Every attempt has its
/// own timeouts, passes the deployment's breaker first (<see cref="IAttemptGate"/>), lands in the
/// <see cref="ExecutionTrace"/> and is reported to health. Streams fall back only until their first
/// chunk: nothing has reached the client before that. Nothing waits past the request's deadline.
/// </summary>
public sealed class ChatExecutor(ProviderAdapterRegistry adapters, IHealthRegistry health, IAttemptGate gate, IRandomSource random, TimeProvider time)
{
    private readonly RetryPipelines retries = new(random, time);

    /// <summary>No breakers, no statistics: for tools and tests that only need calls and fallbacks.</summary>
    public ChatExecutor(ProviderAdapterRegistry adapters, TimeProvider time)
        : this(adapters, new HealthRegistry(time), OpenGate.Instance, SharedRandom.Instance, time) { }

    public Task<(ChatCompletion Completion, UpstreamCall Call)> CompleteAsync(
        IReadOnlyList<Deployment> plan, ChatRequest request, ExecutionTrace trace, ExecutionLimits limits, CancellationToken cancellationToken) =>
        RunPlanAsync(plan, trace, limits, (deployment, token) => AttemptCompleteAsync(deployment, request, trace, limits.Settings, token), cancellationToken);

    /// <summary>Starts a stream and returns once its first chunk arrived, with the rest still to read (stall and total limits keep applying).</summary>
    public Task<StreamStart> StartStreamAsync(
        IReadOnlyList<Deployment> plan, ChatRequest request, ExecutionTrace trace, ExecutionLimits limits, CancellationToken cancellationToken) =>
        RunPlanAsync(plan, trace, limits, (deployment, token) => AttemptStreamAsync(deployment, request, trace, limits.Settings, token), cancellationToken);

    public Task<(EmbeddingResponse Response, Deployment Deployment)> EmbedAsync(
        IReadOnlyList<Deployment> plan, EmbeddingRequest request, ExecutionTrace trace, ExecutionLimits limits, CancellationToken cancellationToken) =>
        RunPlanAsync(plan, trace, limits, (deployment, token) => AttemptEmbedAsync(deployment, request, trace, limits.Settings, token), cancellationToken);

    private async Task<T> RunPlanAsync<T>(IReadOnlyList<Deployment> plan, ExecutionTrace trace, ExecutionLimits limits,
        Func<Deployment, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        UpstreamException? last = null;
        List<string>? skipped = null;
        foreach (var deployment in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = new DeploymentRun<T>(deployment, attempt);
            try
            {
                return await retries.ExecuteAsync(run, limits, cancellationToken).ConfigureAwait(false);
            }
            catch (CircuitOpenException)
            {
                // Opened after planning (or during our own retries): no call was made this time.
                if (run.LastError is { } earlier) last = earlier;
                else (skipped ??= []).Add(deployment.Id);
            }
            catch (UpstreamException ex)
            {
                last = ex;
                if (!FallbackRules.ShouldFallBack(ex, limits.Settings)) break;
            }
        }
        if (last is null && skipped is not null) throw FallbackRules.AllOpen(skipped);
        throw FallbackRules.ToClientError(last ?? NoPlan(), trace);
    }

    private async Task<(ChatCompletion, UpstreamCall)> AttemptCompleteAsync(Deployment deployment, ChatRequest request, ExecutionTrace trace,
        ResilienceSettings settings, CancellationToken cancellationToken)
    {
        Enter(deployment);
        var call = new UpstreamCall(deployment.Provider, deployment.UpstreamModel, request, deployment.MaxOutputTokens);
        var started = time.GetTimestamp();
        using var timeouts = new AttemptTimeouts(time, settings, streaming: false, cancellationToken);
        try
        {
            var completion = await adapters.For(deployment.Provider.Kind).CompleteAsync(call, timeouts.Token).ConfigureAwait(false);
            Succeeded(deployment, trace, call.Response, started, completion.Usage?.CompletionTokens);
            return (completion, call);
        }
        catch (Exception ex) when (Failure(ex, timeouts, deployment) is { } failure)
        {
            Failed(deployment, trace, call.Response, started, failure);
            throw failure;
        }
        catch
        {
            gate.Abandon(deployment.Id);
            throw;
        }
    }

    private async Task<StreamStart> AttemptStreamAsync(Deployment deployment, ChatRequest request, ExecutionTrace trace,
        ResilienceSettings settings, CancellationToken cancellationToken)
    {
        Enter(deployment);
        var call = new UpstreamCall(deployment.Provider, deployment.UpstreamModel, request, deployment.MaxOutputTokens);
        var started = time.GetTimestamp();
        var timeouts = new AttemptTimeouts(time, settings, streaming: true, cancellationToken);
        IAsyncEnumerator<ChatCompletionChunk>? chunks = null;
        try
        {
            chunks = adapters.For(deployment.Provider.Kind).StreamAsync(call, timeouts.Token).GetAsyncEnumerator(timeouts.Token);
            if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, $"Provider '{deployment.Provider.Name}' ended the stream without a chunk.");
            var firstChunk = time.GetElapsedTime(started);
            timeouts.ChunkArrived();
            trace.Add(new AttemptRecord(deployment.Id, "ok", call.Response.StatusCode, firstChunk, null));
            trace.Answered = deployment;
            var rest = new GuardedStream(chunks, timeouts, deployment, call, started, firstChunk, health, time, cancellationToken);
            return new StreamStart(deployment, call, chunks.Current, rest, started);
        }
        catch (Exception ex)
        {
            if (chunks is not null) await chunks.DisposeAsync().ConfigureAwait(false);
            var failure = Failure(ex, timeouts, deployment);
            timeouts.Dispose();
            if (failure is null)
            {
                gate.Abandon(deployment.Id);
                throw;
            }
            Failed(deployment, trace, call.Response, started, failure);
            throw failure;
        }
    }

    private async Task<(EmbeddingResponse, Deployment)> AttemptEmbedAsync(Deployment deployment, EmbeddingRequest request, ExecutionTrace trace,
        ResilienceSettings settings, CancellationToken cancellationToken)
    {
        Enter(deployment);
        var call = new UpstreamEmbeddingCall(deployment.Provider, deployment.UpstreamModel, request);
        var started = time.GetTimestamp();
        using var timeouts = new AttemptTimeouts(time, settings, streaming: false, cancellationToken);
        try
        {
            var response = await adapters.For(deployment.Provider.Kind).EmbedAsync(call, timeouts.Token).ConfigureAwait(false);
            Succeeded(deployment, trace, call.Response, started, null);
            return (response, deployment);
        }
        catch (Exception ex) when (Failure(ex, timeouts, deployment) is { } failure)
        {
            Failed(deployment, trace, call.Response, started, failure);
            throw failure;
        }
        catch
        {
            gate.Abandon(deployment.Id);
            throw;
        }
    }

    private void Enter(Deployment deployment)
    {
        if (!gate.TryEnter(deployment.Id)) throw new CircuitOpenException(deployment.Id);
    }

    /// <summary>The failure to report for <paramref name="ex"/>: an upstream failure, or one of the attempt's own timeouts; null for the caller's cancellation.</summary>
    private static UpstreamException? Failure(Exception ex, AttemptTimeouts timeouts, Deployment deployment)
    {
        if (timeouts.Expired is { } reason && ex is OperationCanceledException or UpstreamException)
            return new UpstreamException(UpstreamErrorKind.Timeout, $"Provider '{deployment.Provider.Name}' {reason}.", inner: ex);
        return ex as UpstreamException;
    }

    private void Succeeded(Deployment deployment, ExecutionTrace trace, UpstreamResponseInfo response, long started, int? outputTokens)
    {
        var elapsed = time.GetElapsedTime(started);
        trace.Add(new AttemptRecord(deployment.Id, "ok", response.StatusCode, elapsed, null));
        trace.Answered = deployment;
        health.RecordAttempt(Outcome(deployment, response, null, elapsed, outputTokens, null));
    }

    private void Failed(Deployment deployment, ExecutionTrace trace, UpstreamResponseInfo response, long started, UpstreamException ex)
    {
        var elapsed = time.GetElapsedTime(started);
        trace.Add(new AttemptRecord(deployment.Id, ex.Kind.ToString(), ex.StatusCode ?? response.StatusCode, elapsed, ex.Message));
        health.RecordAttempt(Outcome(deployment, response, ex, elapsed, null, null));
    }

    internal static AttemptOutcome Outcome(Deployment deployment, UpstreamResponseInfo response, UpstreamException? failure,
        TimeSpan latency, int? outputTokens, TimeSpan? duration) =>
        new(deployment.Id, failure is null, latency, failure?.Kind.ToString(), failure?.Message, outputTokens, null,
            response.RemainingRequests, response.LimitRequests, response.RemainingTokens, response.LimitTokens, duration);

    private static UpstreamException NoPlan() => new(UpstreamErrorKind.Unsupported, "The plan has no deployment.");
}

/// <summary>A stream whose first chunk has arrived; the caller reads the rest from <see cref="Rest"/> and disposes it.</summary>
public sealed record StreamStart(Deployment Deployment, UpstreamCall Call, ChatCompletionChunk First, IAsyncEnumerator<ChatCompletionChunk> Rest, long StartedTimestamp);

/// <summary>The deployment's breaker would not let an attempt through.</summary>
internal sealed class CircuitOpenException(string deploymentId) : Exception($"The circuit breaker of '{deploymentId}' is open.");
