using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Chat;

namespace Switchyard.Benchmarks.Providers;

/// <summary>
/// Reading an OpenAI-shaped answer (every pass-through request does it once): the hand-written
/// <see cref="ChatCompletionReader"/> against the serializer's metadata-driven reading it stands in for.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*CompletionRead*' --job short</remarks>
[MemoryDiagnoser]
public class CompletionReadBenchmarks
{
    private byte[] body = [];

    [Params("text", "tool-calls")]
    public string Answer { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        body = Fixtures.Bytes(Answer == "tool-calls" ? "openai/chat-response-tool-calls.json" : "openai/chat-response.json");
        if (!ChatCompletionReader.TryRead(body, out _)) throw new InvalidOperationException("the hand reader declined the fixture");
    }

    [Benchmark]
    public ChatCompletion? ByHand() => ChatCompletionReader.TryRead(body, out var completion) ? completion : null;

    [Benchmark(Baseline = true)]
    public ChatCompletion? Serializer() => JsonSerializer.Deserialize(body, ChatJsonContext.Default.ChatCompletion);
}
