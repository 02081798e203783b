using System.IO.Pipelines;
using System.Text;
using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Upstream;
using Switchyard.Server.Http;

namespace Switchyard.Benchmarks.Streaming;

/// <summary>
/// Forwarding a stream as the gateway does: the adapter reads the upstream's SSE events and
/// translates each into an OpenAI chunk, and SseChunkWriter writes it to the client's pipe. The
/// upstream stream is the recorded one per wire format with its text event repeated to
/// <see cref="ContentChunks"/> events, and every figure is per content chunk (the stream's fixed
/// cost, response object and first/last events included, spread over them). Issue 8's target:
/// forwarding one chunk allocates at most the chunk's own bytes + 64 B (the upstream event sizes
/// are printed at setup, and <see cref="ChunkBudgetConfig"/>'s columns set them beside the
/// allocation per chunk in bytes).
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*SseForward*' --job short</remarks>
[MemoryDiagnoser]
[Config(typeof(ChunkBudgetConfig))]
public class SseForwardBenchmarks
{
    public const int ContentChunks = 100;

    private IProviderAdapter adapter = null!;
    private UpstreamCall call = null!;

    [Params("openai", "anthropic", "gemini")]
    public string Wire { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (stream, eventBytes) = BuildUpstreamStream(Wire);
        Console.WriteLine($"// {Wire}: one upstream text event is {eventBytes} bytes on the wire");
        adapter = Adapters.Create(Wire, stream, "text/event-stream");
        call = Adapters.Call(Wire, stream: true);
        Forward().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = ContentChunks)]
    public async Task Forward()
    {
        var pipe = PipeWriter.Create(Stream.Null, new StreamPipeWriterOptions(leaveOpen: true));
        using (var writer = new SseChunkWriter(pipe))
        {
            await foreach (var chunk in adapter.StreamAsync(call, CancellationToken.None))
                await writer.WriteChunkAsync(chunk, CancellationToken.None);
            await writer.WriteDoneAsync(CancellationToken.None);
        }
        await pipe.CompleteAsync();
    }

    /// <summary>The recorded stream with its (first) text event repeated; returns the stream and that event's size.</summary>
    public static (byte[] Stream, int EventBytes) BuildUpstreamStream(string wire)
    {
        var file = wire switch
        {
            "anthropic" => "anthropic/messages-stream.sse",
            "gemini" => "gemini/stream-alt-sse.sse",
            _ => "openai/chat-stream.sse",
        };
        var events = Encoding.UTF8.GetString(Fixtures.Bytes(file)).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        // The event carrying answer text: Anthropic's first content_block_delta, else the second event (the first is OpenAI's role chunk / Gemini's first words).
        var index = wire == "anthropic" ? events.FindIndex(e => e.Contains("\"content_block_delta\"", StringComparison.Ordinal)) : 1;
        var text = events[index] + "\n\n";
        var all = events.Take(index).Select(e => e + "\n\n")
            .Concat(Enumerable.Repeat(text, ContentChunks))
            .Concat(events.Skip(index + 1).Select(e => e + "\n\n"));
        return (Encoding.UTF8.GetBytes(string.Concat(all)), Encoding.UTF8.GetByteCount(text));
    }
}
