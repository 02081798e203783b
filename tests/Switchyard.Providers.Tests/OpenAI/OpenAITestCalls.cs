using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.OpenAI;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.OpenAI;

/// <summary>Builds OpenAI calls from client JSON and runs the adapter against a stubbed upstream.</summary>
internal static class OpenAITestCalls
{
    public const string Key = "test-key-123456";
    public const string UpstreamModel = "gpt-4o-mini-2024-07-18";

    public static ProviderEndpoint Endpoint(string baseUrl = "https://api.openai.com/v1", string? key = Key) =>
        new("openai-test", "openai", new Uri(baseUrl), key, new Dictionary<string, string>());

    public static ChatRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest) ?? throw new InvalidOperationException("null request");

    public static UpstreamCall Call(string requestJson, ProviderEndpoint? endpoint = null, bool wantUsage = true) =>
        new UpstreamCall(endpoint ?? Endpoint(), UpstreamModel, Parse(requestJson)) { WantUsage = wantUsage };

    public static UpstreamCall SimpleCall(ProviderEndpoint? endpoint = null, bool stream = false) =>
        Call(stream
            ? """{"model": "auto", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}"""
            : """{"model": "auto", "messages": [{"role": "user", "content": "Hi"}]}""", endpoint);

    /// <summary>The mapped wire request as JSON (mapping only, nothing sent).</summary>
    public static JsonNode Wire(UpstreamCall call) =>
        JsonSerializer.SerializeToNode(OpenAIRequestMapper.ToWire(call), ChatJsonContext.Default.ChatRequest)!;

    public static OpenAIAdapter Adapter(HttpMessageHandler handler) => new(new HttpClient(handler));

    public static Task<ChatCompletion> CompleteAsync(HttpMessageHandler handler, UpstreamCall? call = null) =>
        Adapter(handler).CompleteAsync(call ?? SimpleCall(), TestContext.Current.CancellationToken);

    public static async Task<List<ChatCompletionChunk>> StreamAsync(HttpMessageHandler handler, UpstreamCall? call = null)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in Adapter(handler).StreamAsync(call ?? SimpleCall(stream: true), TestContext.Current.CancellationToken))
            chunks.Add(chunk.Clone()); // lent until the next one (IProviderAdapter.StreamAsync)
        return chunks;
    }

    public static StubHttpHandler Answer(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json") =>
        new(status, Encoding.UTF8.GetBytes(body), contentType);

    public static StubHttpHandler SseText(string sse) => Answer(sse, HttpStatusCode.OK, "text/event-stream");

    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString()}");

    public static void AssertJsonEqual(string expectedJson, JsonNode? actual) => AssertJsonEqual(JsonNode.Parse(expectedJson), actual);

    /// <summary>
    /// Equal once properties whose value is null are dropped on both sides. The canonical types omit
    /// most nulls on write ("refusal": null, "logprobs": null), which OpenAI's SDKs read as absent;
    /// every non-null value must still be there, unchanged.
    /// </summary>
    public static void AssertJsonEqualIgnoringNulls(JsonNode? expected, JsonNode? actual) =>
        AssertJsonEqual(WithoutNullProperties(expected), WithoutNullProperties(actual));

    private static JsonNode? WithoutNullProperties(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                    if (value is not null) copy[name] = WithoutNullProperties(value);
                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(WithoutNullProperties).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
