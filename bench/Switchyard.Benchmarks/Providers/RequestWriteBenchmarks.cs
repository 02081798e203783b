using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Chat;

namespace Switchyard.Benchmarks.Providers;

/// <summary>
/// Writing the upstream request (every OpenAI-compatible call does it once): the hand-written
/// <see cref="ChatRequestWriter"/> against the serializer whose bytes it reproduces.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*RequestWrite*' --job short</remarks>
[MemoryDiagnoser]
public class RequestWriteBenchmarks
{
    private ChatRequest request = null!;

    [Params("short-chat", "tools")]
    public string Body { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var body = Body == "tools"
            ? Fixtures.Bytes("openai/chat-request-tools.json")
            : Encoding.UTF8.GetBytes("""{"model":"gpt-4o-mini","max_tokens":256,"messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Why is the sky blue? Answer in two sentences for a ten-year-old."}]}""");
        request = JsonSerializer.Deserialize(body, ChatJsonContext.Default.ChatRequest)!;
        if (!ByHand().AsSpan().SequenceEqual(Serializer())) throw new InvalidOperationException("the two writers differ");
    }

    [Benchmark]
    public byte[] ByHand() => ChatRequestWriter.ToUtf8Bytes(request);

    [Benchmark(Baseline = true)]
    public byte[] Serializer() => JsonSerializer.SerializeToUtf8Bytes(request, ChatJsonContext.Default.ChatRequest);
}
