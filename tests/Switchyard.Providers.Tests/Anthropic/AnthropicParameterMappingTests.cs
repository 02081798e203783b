using Switchyard.Providers.Anthropic;
using static Switchyard.Providers.Tests.Anthropic.AnthropicTestCalls;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicParameterMappingTests
{
    private const string Messages = "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]";

    [Theory]
    [InlineData("\"max_completion_tokens\": 300, \"max_tokens\": 200,", 8192, 300)]
    [InlineData("\"max_tokens\": 200,", 8192, 200)]
    [InlineData("", 8192, 8192)]
    [InlineData("", null, AnthropicRequestMapper.FallbackMaxTokens)]
    public void Max_tokens_comes_from_the_request_then_the_catalog_then_the_fallback(string fields, int? catalogMax, int expected)
    {
        var wire = Wire($"{{ {fields} {Messages} }}", maxOutputTokens: catalogMax);

        Assert.Equal(expected, (int)wire["max_tokens"]!);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.7, 0.7)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.8, 1.0)]
    public void Temperature_is_clamped_to_anthropics_range_not_rescaled(double openAi, double anthropic)
    {
        var wire = Wire($"{{ \"temperature\": {openAi.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Messages} }}");

        Assert.Equal(anthropic, (double)wire["temperature"]!);
    }

    [Fact]
    public void Top_p_is_sent_alone_but_dropped_beside_temperature()
    {
        Assert.Equal(0.9, (double)Wire($"{{ \"top_p\": 0.9, {Messages} }}")["top_p"]!);

        var both = Wire($"{{ \"top_p\": 0.9, \"temperature\": 0.5, {Messages} }}").AsObject();
        Assert.False(both.ContainsKey("top_p"));
        Assert.Equal(0.5, (double)both["temperature"]!);
    }

    [Fact]
    public void Stop_user_and_stream_map_to_their_anthropic_names()
    {
        var wire = Wire($"{{ \"stop\": \"END\", \"user\": \"user-42\", \"stream\": true, {Messages} }}", stream: true);

        AssertJsonEqual("""["END"]""", wire["stop_sequences"]);
        AssertJsonEqual("""{"user_id":"user-42"}""", wire["metadata"]);
        Assert.True((bool)wire["stream"]!);
    }

    [Fact]
    public void Json_schema_response_format_becomes_output_config_format()
    {
        var wire = Wire($$$$"""
            {
              "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true,
                "schema": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"], "additionalProperties": false}}},
              {{{{Messages}}}}
            }
            """);

        AssertJsonEqual("""
            {"format":{"type":"json_schema","schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"],"additionalProperties":false}}}
            """, wire["output_config"]);
        Assert.False(wire.AsObject().ContainsKey("system"));
    }

    [Fact]
    public void Json_object_response_format_appends_the_json_instruction_to_the_system_prompt()
    {
        var wire = Wire($$"""{"response_format": {"type": "json_object"}, "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "x"}]}""");

        AssertJsonEqual($$"""
            [{"type":"text","text":"Be brief."},{"type":"text","text":"{{AnthropicOutputFormatMapper.JsonObjectInstruction}}"}]
            """, wire["system"]);
        Assert.False(wire.AsObject().ContainsKey("output_config"));
    }

    [Fact]
    public void Text_response_format_changes_nothing()
    {
        var wire = Wire($"{{ \"response_format\": {{\"type\": \"text\"}}, {Messages} }}").AsObject();

        Assert.False(wire.ContainsKey("system"));
        Assert.False(wire.ContainsKey("output_config"));
    }
}
