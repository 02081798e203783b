using System.Text.Json.Nodes;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

/// <summary>Streams ask the upstream for usage so the gateway can cost them (stream_options.include_usage).</summary>
public sealed class OpenAIStreamOptionsTests
{
    private const string Messages = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    [Fact]
    public void A_stream_asks_for_usage_when_the_gateway_wants_it()
    {
        var wire = Wire(Call($$"""{"stream": true, {{Messages}} }"""));

        AssertJsonEqual("""{"include_usage": true}""", wire["stream_options"]);
    }

    [Fact]
    public void The_clients_own_stream_options_fields_are_kept()
    {
        var wire = Wire(Call($$"""{"stream": true, "stream_options": {"include_obfuscation": false, "continuous_usage_stats": true}, {{Messages}} }"""));

        AssertJsonEqual("""{"include_usage": true, "include_obfuscation": false, "continuous_usage_stats": true}""", wire["stream_options"]);
    }

    [Fact]
    public void A_client_that_said_include_usage_false_still_gets_usage_asked_for()
    {
        var wire = Wire(Call($$"""{"stream": true, "stream_options": {"include_usage": false}, {{Messages}} }"""));

        AssertJsonEqual("""{"include_usage": true}""", wire["stream_options"]);
    }

    [Theory]
    [InlineData("\"stream\": true,", false)]
    [InlineData("\"stream\": true, \"stream_options\": {\"include_usage\": false, \"x\": 1},", false)]
    [InlineData("\"stream\": true, \"stream_options\": {\"include_usage\": true},", true)]
    [InlineData("", true)]
    [InlineData("\"stream\": false,", true)]
    public void Stream_options_are_left_alone_without_want_usage_or_without_a_stream(string fields, bool wantUsage)
    {
        var json = $"{{ {fields} {Messages} }}";

        var wire = Wire(Call(json, wantUsage: wantUsage)).AsObject();

        var sent = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(sent.ContainsKey("stream_options"), wire.ContainsKey("stream_options"));
        AssertJsonEqual(sent["stream_options"], wire["stream_options"]);
    }
}
