using System.Text.Json.Nodes;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

/// <summary>
/// The OpenAI-shaped equivalent of gemini/generate-request-tools.json maps to that recorded body.
/// Two differences are by design and undone before comparing: canonical tool calls always carry an
/// id, which we send back as functionCall.id; and parameters go in parametersJsonSchema (JSON
/// Schema) rather than parameters (Google's OpenAPI subset).
/// </summary>
public sealed class GeminiRequestFixtureTests
{
    private const string OpenAIRequest = """
        {
          "model": "gemini-2.0-flash",
          "messages": [
            {"role": "system", "content": "I say high you say low"},
            {"role": "user", "content": "what is the result of 100/2"},
            {"role": "assistant", "content": null, "tool_calls": [
              {"id": "call_1", "type": "function", "function": {"name": "customDivide", "arguments": "{\"numerator\":100,\"denominator\":2}"}}
            ]},
            {"role": "user", "content": "what is the result of 50/2?"}
          ],
          "max_tokens": 20,
          "temperature": 0.5,
          "user": "dropped-openai-only-field",
          "parallel_tool_calls": false,
          "tools": [{"type": "function", "function": {
            "name": "customDivide",
            "description": "Custom divide function",
            "parameters": {"type": "OBJECT", "properties": {"numerator": {"type": "NUMBER"}, "denominator": {"type": "NUMBER"}}}
          }}]
        }
        """;

    [Fact]
    public async Task Sent_body_equals_the_recorded_request_apart_from_the_documented_differences()
    {
        var stub = StubHttpHandler.Json("gemini/generate-response.json");
        await GeminiTestCalls.Adapter(stub).CompleteAsync(GeminiTestCalls.Call(OpenAIRequest), TestContext.Current.CancellationToken);

        var sent = JsonNode.Parse(stub.LastBody)!;
        var functionCall = sent["contents"]![1]!["parts"]![0]!["functionCall"]!.AsObject();
        Assert.Equal("call_1", (string?)functionCall["id"]);
        functionCall.Remove("id");
        var declaration = sent["tools"]![0]!["functionDeclarations"]![0]!.AsObject();
        var parameters = declaration["parametersJsonSchema"]!;
        declaration.Remove("parametersJsonSchema");
        declaration["parameters"] = parameters;

        var recorded = JsonNode.Parse(FixtureFiles.Text("gemini/generate-request-tools.json"));
        Assert.True(JsonNode.DeepEquals(recorded, sent), sent.ToJsonString());
    }
}
