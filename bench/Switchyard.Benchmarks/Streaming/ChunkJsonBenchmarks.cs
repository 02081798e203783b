using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Core.Chat;

namespace Switchyard.Benchmarks.Streaming;

/// <summary>
/// Where SseForward's per-chunk allocation goes on the OpenAI wire: System.Text.Json reading one
/// recorded text chunk into a ChatCompletionChunk, and writing it back with a reused
/// Utf8JsonWriter (what SseChunkWriter does).
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*ChunkJson*' --job short</remarks>
[MemoryDiagnoser]
public class ChunkJsonBenchmarks
{
    private byte[] data = [];
    private ChatCompletionChunk chunk = null!;
    private readonly ArrayBufferWriter<byte> output = new(4096);
    private Utf8JsonWriter writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (stream, _) = SseForwardBenchmarks.BuildUpstreamStream("openai");
        var text = Encoding.UTF8.GetString(stream).Split("\n\n")[1];
        data = Encoding.UTF8.GetBytes(text["data: ".Length..]);
        chunk = Read();
        writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
    }

    [Benchmark]
    public ChatCompletionChunk Read() => JsonSerializer.Deserialize(data, ChatJsonContext.Default.ChatCompletionChunk)!;

    [Benchmark]
    public long Write()
    {
        output.ResetWrittenCount();
        writer.Reset(output);
        JsonSerializer.Serialize(writer, chunk, ChatJsonContext.Default.ChatCompletionChunk);
        writer.Flush();
        return writer.BytesCommitted;
    }
}
