using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;
using Switchyard.Server.Endpoints;
using Switchyard.Server.Http;

namespace Switchyard.Benchmarks.Streaming;

/// <summary>
/// SseForward with what the gateway adds around it on a live stream: the executor's attempt (the
/// stall-guarded rest of the stream), StreamResponder's tally (content hash and counts) and an
/// upstream whose every read completes later, so each await on the way really suspends (as on a
/// network, unlike SseForward's reads, which complete at once). Per content chunk, as SseForward;
/// the difference between the two is what asynchrony and the relay's bookkeeping cost per chunk.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*StreamRelay*' --job short</remarks>
[MemoryDiagnoser]
[Config(typeof(ChunkBudgetConfig))]
public class StreamRelayBenchmarks
{
    private ChatExecutor executor = null!;
    private Deployment[] plan = [];
    private ChatRequest request = null!;

    [Params("openai", "anthropic", "gemini")]
    public string Wire { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (stream, _) = SseForwardBenchmarks.BuildUpstreamStream(Wire);
        var adapter = Adapters.Create(Wire, stream, "text/event-stream", asyncReads: true);
        var call = Adapters.Call(Wire, stream: true);
        executor = new ChatExecutor(new ProviderAdapterRegistry([adapter]), TimeProvider.System);
        var model = new CatalogModel(call.UpstreamModel, Wire, [], new ModelPricing(1m, 2m), 128_000, 8192,
            ModelCapabilities.None, new HashSet<string>(), "o200k_base", 3, new Dictionary<TaskClass, TaskTier>());
        plan = [new Deployment(Wire + "-bench/" + call.UpstreamModel, "bench", call.Endpoint, call.UpstreamModel, model, null, false)];
        request = call.Request;
        Relay().GetAwaiter().GetResult();
    }

    /// <summary>StreamResponder's loop without the HTTP context: write each chunk, tally it, ask for the next.</summary>
    [Benchmark(OperationsPerInvoke = SseForwardBenchmarks.ContentChunks)]
    public async Task Relay()
    {
        var limits = new ExecutionLimits(ResilienceSettings.Default, DateTimeOffset.MaxValue);
        var start = await executor.StartStreamAsync(plan, request, new ExecutionTrace(), limits, CancellationToken.None);
        await using var rest = start.Rest;
        var pipe = PipeWriter.Create(Stream.Null, new StreamPipeWriterOptions(leaveOpen: true));
        using (var writer = new SseChunkWriter(pipe))
        {
            var tally = new StreamTally();
            var chunk = start.First;
            while (true)
            {
                if (chunk.Usage is not null && chunk.Choices.Count == 0) tally.Usage = chunk.Usage;
                else
                {
                    tally.Count(chunk);
                    await writer.WriteChunkAsync(chunk, CancellationToken.None);
                }
                if (!await rest.MoveNextAsync()) break;
                chunk = rest.Current;
            }
            await writer.WriteDoneAsync(CancellationToken.None);
            tally.Digest.Sha256Hex();
        }
        await pipe.CompleteAsync();
    }
}
