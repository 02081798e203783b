using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;
using Switchyard.Providers.Http;

namespace Switchyard.Benchmarks.Http;

/// <summary>
/// The first thing the gateway does with a chat request: read the body whole into a pooled buffer and
/// deserialize it in one pass with the serializer, or with the hand-written ChatRequestReader (as
/// RequestBodyReader does now), then validate it; beside them, the way it was done first:
/// deserializing as the body streams in. A short chat and the recorded request
/// with tools (../shared/fixtures/openai/chat-request-tools.json).
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*RequestParse*' --job short</remarks>
[MemoryDiagnoser]
public class RequestParseBenchmarks
{
    private byte[] body = [];

    [Params("short-chat", "tools")]
    public string Body { get; set; } = "";

    [GlobalSetup]
    public void Setup() => body = Body == "tools"
        ? Fixtures.Bytes("openai/chat-request-tools.json")
        : Encoding.UTF8.GetBytes("""{"model":"auto","max_tokens":256,"messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Why is the sky blue? Answer in two sentences for a ten-year-old."}]}""");

    [Benchmark]
    public async Task<ChatRequest> ParseAndValidate()
    {
        using var stream = new MemoryStream(body, writable: false);
        using var whole = await PooledBody.ReadAsync(stream, body.Length, CancellationToken.None);
        var request = JsonSerializer.Deserialize(whole.Span, ChatJsonContext.Default.ChatRequest) ?? throw new InvalidOperationException("null");
        ChatRequestValidator.Validate(request);
        return request;
    }

    [Benchmark(Description = "ParseAndValidate, by hand (ChatRequestReader, as the gateway reads it)")]
    public async Task<ChatRequest> ParseByHandAndValidate()
    {
        using var stream = new MemoryStream(body, writable: false);
        using var whole = await PooledBody.ReadAsync(stream, body.Length, CancellationToken.None);
        if (!ChatRequestReader.TryRead(whole.Span, out var request)) throw new InvalidOperationException("declined");
        ChatRequestValidator.Validate(request!);
        return request!;
    }

    [Benchmark(Baseline = true, Description = "ParseAndValidate, as the stream arrives (before)")]
    public async Task<ChatRequest> ParseAsItStreams()
    {
        using var stream = new MemoryStream(body, writable: false);
        var request = await JsonSerializer.DeserializeAsync(stream, ChatJsonContext.Default.ChatRequest) ?? throw new InvalidOperationException("null");
        ChatRequestValidator.Validate(request);
        return request;
    }
}
