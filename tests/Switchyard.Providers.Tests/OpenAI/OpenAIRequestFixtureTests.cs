using System.Text.Json.Nodes;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

public sealed class OpenAIRequestFixtureTests
{
    [Fact]
    public void The_recorded_tools_request_passes_through_with_only_the_model_replaced()
    {
        var recorded = FixtureFiles.Text("openai/chat-request-tools.json");

        var wire = Wire(Call(recorded));

        var expected = JsonNode.Parse(recorded)!;
        expected["model"] = UpstreamModel;
        AssertJsonEqual(expected, wire);
    }

    [Fact]
    public void Unknown_top_level_fields_pass_through_unchanged()
    {
        const string unknown = """
            {
              "logit_bias": {"2435": -100, "640": 5},
              "reasoning_effort": "low",
              "prediction": {"type": "content", "content": [{"type": "text", "text": "draft"}]},
              "frequency_penalty": 0.5,
              "web_search_options": {"search_context_size": "low"},
              "store": false
            }
            """;
        var request = JsonNode.Parse(unknown)!.AsObject();
        request["model"] = "auto";
        request["messages"] = JsonNode.Parse("""[{"role": "user", "content": "Hi"}]""");

        var wire = Wire(Call(request.ToJsonString())).AsObject();

        foreach (var (name, value) in JsonNode.Parse(unknown)!.AsObject())
            AssertJsonEqual(value, wire[name]);
    }

    [Fact]
    public void Every_modelled_field_passes_through_unchanged()
    {
        const string request = """
            {
              "model": "auto",
              "messages": [
                {"role": "developer", "content": "Be brief.", "name": "ops"},
                {"role": "user", "content": [
                  {"type": "text", "text": "What is this?"},
                  {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
                  {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}
                ]},
                {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "look", "arguments": "{\"x\":1}"}}]},
                {"role": "tool", "tool_call_id": "call_1", "content": "a cat"},
                {"role": "assistant", "content": "A cat.", "refusal": "no", "audio": {"id": "audio_1"}}
              ],
              "temperature": 0.7,
              "top_p": 0.9,
              "max_tokens": 100,
              "max_completion_tokens": 200,
              "stop": ["END", "STOP"],
              "seed": 9007199254740993,
              "user": "user-42",
              "metadata": {"team": "search"},
              "tools": [{"type": "function", "function": {"name": "look", "description": "Look", "parameters": {"type": "object"}, "strict": true}}],
              "tool_choice": {"type": "function", "function": {"name": "look"}},
              "parallel_tool_calls": false,
              "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "description": "d", "schema": {"type": "object"}, "strict": true}},
              "n": 2
            }
            """;

        var wire = Wire(Call(request));

        var expected = JsonNode.Parse(request)!;
        expected["model"] = UpstreamModel;
        AssertJsonEqual(expected, wire);
    }

    [Theory]
    [InlineData("\"stop\": \"END\"")]
    [InlineData("\"stop\": [\"END\"]")]
    [InlineData("\"stop\": []")]
    public void Stop_keeps_the_clients_string_or_array_form(string stop)
    {
        var wire = Wire(Call($$"""{ {{stop}}, "messages": [{"role": "user", "content": "Hi"}]}"""));

        AssertJsonEqual(JsonNode.Parse($"{{ {stop} }}")!["stop"], wire["stop"]);
    }

    [Fact]
    public void The_gateways_switchyard_field_is_removed()
    {
        var wire = Wire(Call("""
            {"model": "auto", "switchyard": {"max_cost_usd": 0.01, "tags": ["eu"]}, "messages": [{"role": "user", "content": "Hi"}]}
            """)).AsObject();

        Assert.False(wire.ContainsKey("switchyard"));
        Assert.Equal(UpstreamModel, (string)wire["model"]!);
    }

    [Fact]
    public void The_canonical_request_is_not_mutated()
    {
        var call = Call("""
            {"model": "auto", "stream": true, "stream_options": {"include_usage": false, "x": 1},
             "switchyard": {"route": "cheap"}, "messages": [{"role": "user", "content": "Hi"}]}
            """);

        Wire(call);
        Wire(call);

        Assert.Equal("auto", call.Request.Model);
        Assert.NotNull(call.Request.Switchyard);
        Assert.False(call.Request.StreamOptions!.IncludeUsage);
        Assert.Equal(1, call.Request.StreamOptions.Extra!["x"].GetInt32());
        Assert.Single(call.Request.Messages!);
    }
}
