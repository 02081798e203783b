using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Anthropic;

/// <summary>Builds calls from OpenAI-shaped JSON (as a client sends it) and maps them to Anthropic wire JSON.</summary>
internal static class AnthropicTestCalls
{
    public const string Model = "claude-opus-4-8";

    public static ProviderEndpoint Endpoint(string baseUrl = "https://api.anthropic.com", string key = "test-key-123456") =>
        Endpoints.Of("anthropic", baseUrl, key);

    public static UpstreamCall Call(string openAiRequestJson, int? maxOutputTokens = null, ProviderEndpoint? endpoint = null) =>
        new(endpoint ?? Endpoint(), Model, Parse(openAiRequestJson), maxOutputTokens);

    public static ChatRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest) ?? throw new InvalidOperationException("null request");

    /// <summary>The wire request as a JSON value, for comparison with recorded or expected JSON.</summary>
    public static JsonNode Wire(string openAiRequestJson, bool stream = false, int? maxOutputTokens = null) =>
        Wire(Call(openAiRequestJson, maxOutputTokens), stream);

    public static JsonNode Wire(UpstreamCall call, bool stream = false) =>
        JsonNode.Parse(JsonSerializer.Serialize(AnthropicRequestMapper.ToWire(call, stream), AnthropicJsonContext.Default.AnthropicRequest))!;

    public static void AssertJsonEqual(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }
}
