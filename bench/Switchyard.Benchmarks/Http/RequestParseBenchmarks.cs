using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Support;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;

namespace Switchyard.Benchmarks.Http;

/// <summary>
/// The first thing the gateway does with a chat request: deserialize the body as it streams in (as
/// RequestBodyReader does, from a Stream) and validate it. A short chat and the recorded request
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
        var request = await JsonSerializer.DeserializeAsync(stream, ChatJsonContext.Default.ChatRequest) ?? throw new InvalidOperationException("null");
        ChatRequestValidator.Validate(request);
        return request;
    }
}
