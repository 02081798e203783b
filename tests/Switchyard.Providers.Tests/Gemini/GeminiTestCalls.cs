using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Gemini;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

/// <summary>Builds Gemini calls from OpenAI-shaped JSON and runs them against a stub upstream.</summary>
internal static class GeminiTestCalls
{
    public const string Key = "test-key-123456";
    public static readonly DateTimeOffset Now = new(2025, 8, 16, 12, 0, 0, TimeSpan.Zero);

    public static ProviderEndpoint Endpoint(string baseUrl = "https://generativelanguage.googleapis.com") =>
        Endpoints.Of("gemini", baseUrl, Key);

    public static ChatRequest Request(string json) =>
        JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest)!;

    public static UpstreamCall Call(string requestJson, string model = "gemini-2.0-flash", ProviderEndpoint? endpoint = null) =>
        new(endpoint ?? Endpoint(), model, Request(requestJson));

    public static GeminiAdapter Adapter(StubHttpHandler stub) => new(stub.Client(), new FixedTime(Now));

    /// <summary>The wire body the request maps to, as a JsonNode (mapping only, nothing sent).</summary>
    public static JsonNode Wire(string requestJson) =>
        JsonSerializer.SerializeToNode(GeminiRequestMapper.ToWire(Call(requestJson)), GeminiJsonContext.Default.GeminiRequest)!;

    public static StubHttpHandler Answer(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json") =>
        new(status, System.Text.Encoding.UTF8.GetBytes(body), contentType);

    public static async Task<List<ChatCompletionChunk>> CollectAsync(IAsyncEnumerable<ChatCompletionChunk> chunks)
    {
        var list = new List<ChatCompletionChunk>();
        await foreach (var chunk in chunks) list.Add(chunk.Clone()); // lent until the next one (IProviderAdapter.StreamAsync)
        return list;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
