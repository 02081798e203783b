using System.Text.Json.Nodes;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Tests.Gemini;

public sealed class GeminiRequestMapperTests
{
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public void System_and_developer_messages_become_the_system_instruction()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [
              {"role": "system", "content": "Be brief."},
              {"role": "developer", "content": [{"type": "text", "text": "Answer in French."}]},
              {"role": "user", "content": "Hi"}
            ]}
            """);
        AssertJson("""{"role": "user", "parts": [{"text": "Be brief."}, {"text": "Answer in French."}]}""", wire["systemInstruction"]);
        AssertJson("""[{"role": "user", "parts": [{"text": "Hi"}]}]""", wire["contents"]);
    }

    [Fact]
    public void Tool_round_trip_maps_calls_and_results_with_the_names_of_the_calls()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [
              {"role": "user", "content": "Weather in Paris and Rome?"},
              {"role": "assistant", "content": "Checking.", "tool_calls": [
                {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}},
                {"id": "call_b", "type": "function", "function": {"name": "get_time", "arguments": ""}}
              ]},
              {"role": "tool", "tool_call_id": "call_b", "content": "14:00"},
              {"role": "tool", "tool_call_id": "call_a", "content": "{\"temp\":21}"}
            ]}
            """);
        AssertJson("""
            [
              {"role": "user", "parts": [{"text": "Weather in Paris and Rome?"}]},
              {"role": "model", "parts": [
                {"text": "Checking."},
                {"functionCall": {"id": "call_a", "name": "get_weather", "args": {"city": "Paris"}}},
                {"functionCall": {"id": "call_b", "name": "get_time", "args": {}}}
              ]},
              {"role": "user", "parts": [
                {"functionResponse": {"id": "call_b", "name": "get_time", "response": {"content": "14:00"}}},
                {"functionResponse": {"id": "call_a", "name": "get_weather", "response": {"temp": 21}}}
              ]}
            ]
            """, wire["contents"]);
    }

    [Fact]
    public void A_json_array_tool_result_is_wrapped_because_gemini_wants_an_object()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [
              {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "list", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "c1", "content": [{"type": "text", "text": "[1,2]"}]}
            ]}
            """);
        AssertJson("""{"id": "c1", "name": "list", "response": {"content": "[1,2]"}}""", wire["contents"]![1]!["parts"]![0]!["functionResponse"]);
    }

    [Fact]
    public void A_tool_message_for_an_unknown_call_is_a_bad_request()
    {
        var ex = Assert.Throws<UpstreamException>(() => GeminiTestCalls.Wire("""
            {"messages": [{"role": "tool", "tool_call_id": "nowhere", "content": "x"}]}
            """));
        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
    }

    [Fact]
    public void Images_map_to_inline_data_and_file_data()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [{"role": "user", "content": [
              {"type": "text", "text": "Compare"},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.webp?size=large", "detail": "high"}},
              {"type": "image_url", "image_url": {"url": "https://example.com/render"}}
            ]}]}
            """);
        AssertJson("""
            [
              {"text": "Compare"},
              {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
              {"fileData": {"mimeType": "image/webp", "fileUri": "https://example.com/cat.webp?size=large"}},
              {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/render"}}
            ]
            """, wire["contents"]![0]!["parts"]);
    }

    [Fact]
    public void Input_audio_maps_to_inline_data()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "mp3"}}]}]}
            """);
        AssertJson("""{"mimeType": "audio/mp3", "data": "UklGRg=="}""", wire["contents"]![0]!["parts"]![0]!["inlineData"]);
    }

    [Fact]
    public void Consecutive_turns_of_the_same_role_are_merged()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [
              {"role": "user", "content": "one"},
              {"role": "user", "content": "two"},
              {"role": "assistant", "content": "three"},
              {"role": "assistant", "content": "four"},
              {"role": "user", "content": "five"}
            ]}
            """);
        AssertJson("""
            [
              {"role": "user", "parts": [{"text": "one"}, {"text": "two"}]},
              {"role": "model", "parts": [{"text": "three"}, {"text": "four"}]},
              {"role": "user", "parts": [{"text": "five"}]}
            ]
            """, wire["contents"]);
    }

    [Theory]
    [InlineData("\"auto\"", """{"functionCallingConfig": {"mode": "AUTO"}}""")]
    [InlineData("\"none\"", """{"functionCallingConfig": {"mode": "NONE"}}""")]
    [InlineData("\"required\"", """{"functionCallingConfig": {"mode": "ANY"}}""")]
    [InlineData("""{"type": "function", "function": {"name": "get_weather"}}""",
        """{"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}}""")]
    public void Tool_choice_maps_to_function_calling_modes(string toolChoice, string expected)
    {
        var wire = GeminiTestCalls.Wire($$$"""
            {"messages": [{"role": "user", "content": "x"}],
             "tools": [{"type": "function", "function": {"name": "get_weather"}}],
             "tool_choice": {{{toolChoice}}}
            }
            """);
        AssertJson(expected, wire["toolConfig"]);
        AssertJson("""[{"functionDeclarations": [{"name": "get_weather"}]}]""", wire["tools"]);
    }

    [Fact]
    public void Json_schema_response_format_sends_the_schema_as_response_json_schema()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [{"role": "user", "content": "x"}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true,
               "schema": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"], "additionalProperties": false}}}}
            """);
        AssertJson("""
            {"responseMimeType": "application/json",
             "responseJsonSchema": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"], "additionalProperties": false}}
            """, wire["generationConfig"]);
    }

    [Fact]
    public void Json_object_response_format_sets_only_the_mime_type()
    {
        var wire = GeminiTestCalls.Wire("""{"messages": [{"role": "user", "content": "x"}], "response_format": {"type": "json_object"}}""");
        AssertJson("""{"responseMimeType": "application/json"}""", wire["generationConfig"]);
    }

    [Fact]
    public void Generation_config_maps_sampling_and_limits_and_prefers_max_completion_tokens()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [{"role": "user", "content": "x"}],
             "temperature": 0.2, "top_p": 0.9, "max_tokens": 10, "max_completion_tokens": 99,
             "stop": "END", "seed": 42, "n": 2, "presence_penalty": 0.5, "frequency_penalty": 0.25,
             "logit_bias": {"50256": -100}, "metadata": {"a": "b"}, "store": true}
            """);
        AssertJson("""
            {"temperature": 0.2, "topP": 0.9, "maxOutputTokens": 99, "stopSequences": ["END"], "seed": 42,
             "candidateCount": 2, "presencePenalty": 0.5, "frequencyPenalty": 0.25}
            """, wire["generationConfig"]);
        Assert.Equal(["contents", "generationConfig"], wire.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public void Without_any_setting_the_generation_config_is_omitted()
    {
        var wire = GeminiTestCalls.Wire("""{"messages": [{"role": "user", "content": "x"}]}""");
        Assert.Null(wire["generationConfig"]);
        Assert.Null(wire["systemInstruction"]);
        Assert.Null(wire["tools"]);
    }

    [Fact]
    public void Unsupported_content_is_reported_as_unsupported_so_another_provider_can_take_it()
    {
        var ex = Assert.Throws<UpstreamException>(() => GeminiTestCalls.Wire("""
            {"messages": [{"role": "user", "content": [{"type": "file", "file": {"file_id": "file-abc"}}]}]}
            """));
        Assert.Equal(UpstreamErrorKind.Unsupported, ex.Kind);
    }
}
