using System.Text.Json.Nodes;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Anthropic.AnthropicTestCalls;

namespace Switchyard.Providers.Tests.Anthropic;

/// <summary>The OpenAI request that says what the recorded Anthropic request says maps onto that recording.</summary>
public sealed class AnthropicRequestFixtureTests
{
    private const string EquivalentOpenAiRequest = """
        {
          "model": "claude-opus-4-8",
          "max_tokens": 1000,
          "messages": [
            {"role": "system", "content": "Today's date is 2024-06-01."},
            {"role": "user", "content": "Use the test_tool with value \"test\", then provide a final response"}
          ],
          "tools": [{
            "type": "function",
            "function": {
              "name": "test_tool",
              "description": "A test tool",
              "parameters": {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "properties": {"value": {"type": "string"}},
                "required": ["value"],
                "additionalProperties": false
              }
            }
          }],
          "tool_choice": "auto",
          "parallel_tool_calls": false,
          "seed": 7,
          "logprobs": true
        }
        """;

    [Fact]
    public void Maps_to_the_recorded_request_except_the_optional_custom_tool_type()
    {
        var recorded = JsonNode.Parse(FixtureFiles.Text("anthropic/messages-request-tools.json"))!;
        // The TypeScript SDK's tool runner writes "type":"custom" on user tools. It is optional and
        // the default on Anthropic's side, and the adapter leaves it out (compatible servers need
        // not know it). Every other field is expressed by the canonical request above.
        recorded["tools"]![0]!.AsObject().Remove("type");

        var wire = Wire(EquivalentOpenAiRequest);

        Assert.True(JsonNode.DeepEquals(recorded, wire), $"recorded {recorded.ToJsonString()}\n  mapped {wire.ToJsonString()}");
    }

    [Fact]
    public void Drops_openai_only_fields()
    {
        var wire = Wire(EquivalentOpenAiRequest).AsObject();

        Assert.False(wire.ContainsKey("seed"));
        Assert.False(wire.ContainsKey("logprobs"));
        Assert.False(wire.ContainsKey("parallel_tool_calls"));
    }
}
