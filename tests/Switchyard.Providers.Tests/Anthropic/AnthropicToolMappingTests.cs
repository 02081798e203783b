using System.Text.Json.Nodes;
using Switchyard.Core.Upstream;
using static Switchyard.Providers.Tests.Anthropic.AnthropicTestCalls;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicToolMappingTests
{
    private const string Tools = """
        "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]
        """;

    [Fact]
    public void A_tool_round_trip_becomes_tool_use_and_merged_tool_result_blocks()
    {
        var wire = Wire($$$"""
            {
              {{{Tools}}},
              "messages": [
                {"role": "user", "content": "Weather in Paris and Rome?"},
                {"role": "assistant", "content": "Checking.", "tool_calls": [
                  {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}},
                  {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Rome\"}"}}
                ]},
                {"role": "tool", "tool_call_id": "call_1", "content": "18C"},
                {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "21C"}]},
                {"role": "user", "content": "Thanks"}
              ]
            }
            """);

        AssertJsonEqual("""
            [
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"role":"assistant","content":[
                {"type":"text","text":"Checking."},
                {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
                {"type":"tool_use","id":"call_2","name":"get_weather","input":{"city":"Rome"}}
              ]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"call_1","content":"18C"},
                {"type":"tool_result","tool_use_id":"call_2","content":"21C"},
                {"type":"text","text":"Thanks"}
              ]}
            ]
            """, wire["messages"]);
        AssertJsonEqual("""
            [{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]
            """, wire["tools"]);
    }

    [Fact]
    public void Tool_calls_with_null_content_and_empty_arguments_map_to_an_empty_input()
    {
        var wire = Wire("""
            {"messages": [
              {"role": "user", "content": "Now?"},
              {"role": "assistant", "content": null, "tool_calls": [{"id": "call_9", "type": "function", "function": {"name": "now", "arguments": ""}}]},
              {"role": "tool", "tool_call_id": "call_9", "content": ""}
            ]}
            """);

        AssertJsonEqual("""
            [
              {"role":"user","content":"Now?"},
              {"role":"assistant","content":[{"type":"tool_use","id":"call_9","name":"now","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_9"}]}
            ]
            """, wire["messages"]);
    }

    [Theory]
    [InlineData("{\"city\": ")]
    [InlineData("[1, 2]")]
    public void Tool_call_arguments_that_are_not_a_json_object_are_refused_naming_the_call(string arguments)
    {
        var request = new JsonObject
        {
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "x" },
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_bad", ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "get_weather", ["arguments"] = arguments },
                    }),
                }),
        };

        var ex = Assert.Throws<UpstreamException>(() => Wire(request.ToJsonString()));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Contains("call_bad", ex.Message);
        Assert.Contains("get_weather", ex.Message);
    }

    [Theory]
    [InlineData("\"auto\"", null, """{"type":"auto"}""")]
    [InlineData("\"required\"", null, """{"type":"any"}""")]
    [InlineData("\"none\"", null, """{"type":"none"}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", null, """{"type":"tool","name":"get_weather"}""")]
    [InlineData("\"required\"", "false", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", "false", """{"type":"none"}""")]
    [InlineData(null, "false", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("\"auto\"", "true", """{"type":"auto"}""")]
    public void Tool_choice_variants(string? toolChoice, string? parallelToolCalls, string expected)
    {
        var extra = (toolChoice is null ? "" : $", \"tool_choice\": {toolChoice}")
            + (parallelToolCalls is null ? "" : $", \"parallel_tool_calls\": {parallelToolCalls}");

        var wire = Wire($$"""{ {{Tools}}, "messages": [{"role": "user", "content": "x"}] {{extra}} }""");

        AssertJsonEqual(expected, wire["tool_choice"]);
    }

    [Fact]
    public void No_tool_choice_and_no_tools_are_sent_without_tools()
    {
        var wire = Wire("""{"tool_choice": "auto", "parallel_tool_calls": false, "messages": [{"role": "user", "content": "x"}]}""").AsObject();

        Assert.False(wire.ContainsKey("tools"));
        Assert.False(wire.ContainsKey("tool_choice"));
    }

    [Fact]
    public void A_function_without_parameters_gets_an_empty_object_schema()
    {
        var wire = Wire("""{"tools": [{"type": "function", "function": {"name": "now", "description": "Current time"}}], "messages": [{"role": "user", "content": "x"}]}""");

        AssertJsonEqual("""[{"name":"now","description":"Current time","input_schema":{"type":"object","properties":{}}}]""", wire["tools"]);
    }
}
