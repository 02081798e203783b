using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

/// <summary>The canonical request reads every form OpenAI allows and writes it back in the same form.</summary>
public sealed class ChatRequestJsonTests
{
    [Fact]
    public void String_content_reads_as_text_and_writes_back_as_a_string()
    {
        var request = Parse("""{"messages": [{"role": "user", "content": "Hi there"}]}""");

        var content = request.Messages![0].Content!;
        Assert.Equal("Hi there", content.Text);
        Assert.Null(content.Parts);
        AssertJsonEqual("\"Hi there\"", RoundTrip(request)["messages"]![0]!["content"]);
    }

    [Fact]
    public void Part_content_reads_as_parts_and_writes_back_as_an_array()
    {
        const string parts = """
            [{"type": "text", "text": "Hi "}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}},
             {"type": "text", "text": "there"}, {"type": "file", "file": {"file_id": "file-1"}}]
            """;
        var request = Parse($$"""{"messages": [{"role": "user", "content": {{parts}} }]}""");

        var content = request.Messages![0].Content!;
        Assert.Null(content.Text);
        Assert.Equal(["text", "image_url", "text", "file"], content.Parts!.Select(p => p.Type));
        Assert.Equal("Hi there", content.AllText());
        AssertJsonEqual(parts, RoundTrip(request)["messages"]![0]!["content"]);
    }

    [Fact]
    public void A_single_text_part_is_not_collapsed_into_a_string()
    {
        var request = Parse("""{"messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]}""");

        AssertJsonEqual("""[{"type": "text", "text": "Hi"}]""", RoundTrip(request)["messages"]![0]!["content"]);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("{\"text\": \"Hi\"}")]
    [InlineData("true")]
    public void Content_that_is_neither_string_nor_parts_is_refused(string content) =>
        Assert.Throws<JsonException>(() => Parse($$"""{"messages": [{"role": "user", "content": {{content}} }]}"""));

    [Fact]
    public void A_stop_string_reads_as_one_value_and_writes_back_as_a_string()
    {
        var request = Parse("""{"stop": "END"}""");

        Assert.Equal(["END"], request.Stop!.Values);
        Assert.True(request.Stop.WasSingle);
        AssertJsonEqual("\"END\"", RoundTrip(request)["stop"]);
    }

    [Fact]
    public void A_stop_array_of_one_stays_an_array()
    {
        var request = Parse("""{"stop": ["END"]}""");

        Assert.Equal(["END"], request.Stop!.Values);
        Assert.False(request.Stop.WasSingle);
        AssertJsonEqual("""["END"]""", RoundTrip(request)["stop"]);
    }

    [Theory]
    [InlineData("[\"END\", 1]")]
    [InlineData("5")]
    [InlineData("{\"a\": 1}")]
    public void A_stop_that_is_not_strings_is_refused(string stop) =>
        Assert.Throws<JsonException>(() => Parse($$"""{"stop": {{stop}} }"""));

    [Fact]
    public void Unknown_fields_survive_a_round_trip_at_every_level()
    {
        const string json = """
            {
              "model": "auto",
              "reasoning_effort": "high",
              "logit_bias": {"50256": -100},
              "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi", "cache_control": {"type": "ephemeral"}}], "x_message_tag": 7}],
              "stream": true,
              "stream_options": {"include_usage": true, "include_obfuscation": false}
            }
            """;

        var request = Parse(json);

        Assert.Equal("high", request.Extra!["reasoning_effort"].GetString());
        AssertJsonEqual(json, RoundTrip(request));
    }

    private static JsonNode RoundTrip(ChatRequest request) =>
        JsonSerializer.SerializeToNode(request, ChatJsonContext.Default.ChatRequest)!;
}
