using System.Runtime.CompilerServices;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Tests.Execution;

/// <summary>One scripted upstream answer.</summary>
internal abstract record Step
{
    /// <summary>Answers after <paramref name="Latency"/> of fake time (streams: <paramref name="Chunks"/> chunks, each after <paramref name="Gap"/>).</summary>
    public sealed record Ok(TimeSpan Latency = default, int Chunks = 3, TimeSpan Gap = default, int OutputTokens = 10,
        long? RemainingRequests = null, long? LimitRequests = null) : Step;
    public sealed record Fail(UpstreamException Error, TimeSpan Latency = default) : Step;
    /// <summary>Never answers (until cancelled).</summary>
    public sealed record Hang : Step;
    /// <summary>Streams <paramref name="Chunks"/> chunks, then never sends another.</summary>
    public sealed record StallAfter(int Chunks) : Step;
    /// <summary>Streams <paramref name="Chunks"/> chunks, then breaks.</summary>
    public sealed record CutAfter(int Chunks) : Step;
}

/// <summary>
/// An upstream whose every call follows a script per upstream model (then answers Ok), on fake
/// time. Records when each call started.
/// </summary>
internal sealed class ScriptedAdapter(TimeProvider time) : IProviderAdapter
{
    public const string WireKind = "scripted";
    private readonly Dictionary<string, Queue<Step>> scripts = [];
    private readonly Lock gate = new();

    public string Kind => WireKind;
    public List<(string Model, DateTimeOffset At)> Calls { get; } = [];
    public Func<string, Step>? Default { get; set; }

    public ScriptedAdapter Script(string model, params Step[] steps)
    {
        lock (gate)
        {
            if (!scripts.TryGetValue(model, out var queue)) scripts[model] = queue = new Queue<Step>();
            foreach (var step in steps) queue.Enqueue(step);
        }
        return this;
    }

    public int CallsTo(string model)
    {
        lock (gate) return Calls.Count(c => c.Model == model);
    }

    private Step Next(string model)
    {
        lock (gate)
        {
            Calls.Add((model, time.GetUtcNow()));
            (time as FakeTimeProvider)?.Touch();
            return scripts.TryGetValue(model, out var queue) && queue.Count > 0 ? queue.Dequeue() : Default?.Invoke(model) ?? new Step.Ok();
        }
    }

    public async Task<ChatCompletion> CompleteAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var step = Next(call.UpstreamModel);
        switch (step)
        {
            case Step.Ok ok:
                await Wait(ok.Latency, cancellationToken).ConfigureAwait(false);
                Headers(call.Response, ok);
                return new ChatCompletion
                {
                    Id = "c1",
                    Model = call.UpstreamModel,
                    Choices = [new ChatChoice { Message = new ChatMessage { Role = "assistant", Content = MessageContent.FromText("hi") }, FinishReason = "stop" }],
                    Usage = new Usage { PromptTokens = 5, CompletionTokens = ok.OutputTokens, TotalTokens = 5 + ok.OutputTokens },
                };
            case Step.Fail fail:
                await Wait(fail.Latency, cancellationToken).ConfigureAwait(false);
                call.Response.StatusCode = fail.Error.StatusCode;
                throw fail.Error;
            default:
                await Wait(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable");
        }
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var step = Next(call.UpstreamModel);
        switch (step)
        {
            case Step.Fail fail:
                await Wait(fail.Latency, cancellationToken).ConfigureAwait(false);
                throw fail.Error;
            case Step.Hang:
                await Wait(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                yield break;
            case Step.Ok ok:
                await Wait(ok.Latency, cancellationToken).ConfigureAwait(false);
                Headers(call.Response, ok);
                for (var i = 0; i < ok.Chunks; i++)
                {
                    if (i > 0) await Wait(ok.Gap, cancellationToken).ConfigureAwait(false);
                    yield return Chunk(call, $"part{i}");
                }
                yield return new ChatCompletionChunk { Id = "s1", Model = call.UpstreamModel, Usage = new Usage { CompletionTokens = ok.OutputTokens } };
                yield break;
            case Step.StallAfter stall:
                for (var i = 0; i < stall.Chunks; i++) yield return Chunk(call, $"part{i}");
                await Wait(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                yield break;
            case Step.CutAfter cut:
                for (var i = 0; i < cut.Chunks; i++) yield return Chunk(call, $"part{i}");
                throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, "cut");
        }
    }

    public Task<EmbeddingResponse> EmbedAsync(UpstreamEmbeddingCall call, CancellationToken cancellationToken) =>
        throw new UpstreamException(UpstreamErrorKind.Unsupported, "no embeddings");

    private static ChatCompletionChunk Chunk(UpstreamCall call, string text) => new()
    {
        Id = "s1",
        Model = call.UpstreamModel,
        Choices = [new ChunkChoice { Delta = new ChunkDelta { Content = text } }],
    };

    private static void Headers(UpstreamResponseInfo info, Step.Ok ok)
    {
        info.StatusCode = 200;
        info.RemainingRequests = ok.RemainingRequests;
        info.LimitRequests = ok.LimitRequests;
    }

    /// <summary>
    /// A delay on the fake clock whose continuation runs inline when the timer fires or the token
    /// is cancelled (Task.Delay on a TimeProvider always continues on the thread pool), so the code
    /// under test reacts within <see cref="FakeTimeProvider.Advance"/> itself.
    /// </summary>
    private Task Wait(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay == TimeSpan.Zero) return Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource();
        var timer = time.CreateTimer(_ => done.TrySetResult(), null, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        return done.Task.ContinueWith(t =>
        {
            registration.Dispose();
            timer.Dispose();
            return t;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
    }

    /// <summary>A deployment "provider/model" served by this adapter.</summary>
    public static Deployment Deployment(string provider, string model, string? publicName = null)
    {
        var endpoint = new ProviderEndpoint(provider, WireKind, new Uri("http://127.0.0.1:1/"), null, new Dictionary<string, string>());
        var catalogModel = new CatalogModel(publicName ?? model, "test", [], new ModelPricing(1m, 2m), 128_000, 4096,
            ModelCapabilities.Tools, new HashSet<string>(), "o200k_base", 3, new Dictionary<TaskClass, TaskTier>());
        return new Deployment($"{provider}/{model}", publicName ?? model, endpoint, model, catalogModel, null, false);
    }

    public static ChatRequest Request() => new()
    {
        Model = "m",
        Messages = [new ChatMessage { Role = "user", Content = MessageContent.FromText("hello") }],
    };
}
