using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Anthropic.AnthropicAdapterHarness;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicResponseMappingTests
{
    [Fact]
    public async Task A_text_answer_maps_to_a_chat_completion()
    {
        var completion = await CompleteAsync(StubHttpHandler.Json("anthropic/messages-response.json"));

        Assert.Equal("msg_01J176zPPSGQBvQpzw2qy5x4", completion.Id);
        Assert.Equal("chat.completion", completion.Object);
        Assert.Equal("claude-opus-4-8", completion.Model);
        Assert.Equal(Now.ToUnixTimeSeconds(), completion.Created);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal("assistant", choice.Message.Role);
        Assert.StartsWith("I have successfully executed the test_tool", choice.Message.Content!.Text);
        Assert.EndsWith("confirm it's working properly.", choice.Message.Content.Text);
        Assert.Null(choice.Message.ToolCalls);
        Assert.Equal("stop", choice.FinishReason);
        Assert.Equal(505, completion.Usage!.PromptTokens);
        Assert.Equal(41, completion.Usage.CompletionTokens);
        Assert.Equal(546, completion.Usage.TotalTokens);
        Assert.Equal(0, completion.Usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(0, completion.Usage.PromptTokensDetails.CacheWriteTokens);
        Assert.Null(completion.UpstreamJson); // mapped from another wire: the gateway serializes it
    }

    [Fact]
    public async Task A_tool_use_answer_maps_to_tool_calls()
    {
        var completion = await CompleteAsync(StubHttpHandler.Json("anthropic/messages-response-tool-use.json"));

        var choice = Assert.Single(completion.Choices);
        Assert.Equal("I'll use the test_tool with the value \"test\" as requested, then provide a final response.", choice.Message.Content!.Text);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("toolu_011LF2VkWpAfJnTKJcmh1PNf", call.Id);
        Assert.Equal("function", call.Type);
        Assert.Equal("test_tool", call.Function!.Name);
        Assert.Equal("""{"value":"test"}""", call.Function.Arguments); // compact, as OpenAI sends it
        var recordedInput = JsonNode.Parse(FixtureFiles.Text("anthropic/messages-response-tool-use.json"))!["content"]![1]!["input"];
        Assert.True(JsonNode.DeepEquals(recordedInput, JsonNode.Parse(call.Function.Arguments!)));
        Assert.Equal("tool_calls", choice.FinishReason);
        Assert.Equal(415, completion.Usage!.PromptTokens);
        Assert.Equal(76, completion.Usage.CompletionTokens);
        Assert.Equal(491, completion.Usage.TotalTokens);
    }

    [Fact]
    public async Task Cached_tokens_count_in_prompt_tokens_and_in_the_details()
    {
        var body = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","stop_reason":"end_turn",
             "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Hel"},{"type":"text","text":"lo"}],
             "usage":{"input_tokens":10,"cache_read_input_tokens":1000,"cache_creation_input_tokens":200,"output_tokens":5}}
            """;

        var completion = await CompleteAsync(new StubHttpHandler(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body)));

        Assert.Equal("Hello", completion.Choices[0].Message.Content!.Text); // thinking dropped, text joined
        Assert.Equal(1210, completion.Usage!.PromptTokens);
        Assert.Equal(1215, completion.Usage.TotalTokens);
        Assert.Equal(1000, completion.Usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(200, completion.Usage.PromptTokensDetails.CacheWriteTokens);
    }

    [Fact]
    public async Task Tool_calls_alone_leave_content_null_and_keep_non_ascii_arguments()
    {
        var body = """
            {"id":"msg_2","type":"message","role":"assistant","model":"claude-x","stop_reason":"tool_use",
             "content":[{"type":"tool_use","id":"toolu_1","name":"find","input":{ "city" : "Zürich", "n": [1, 2] }}],
             "usage":{"input_tokens":1,"output_tokens":1}}
            """;

        var completion = await CompleteAsync(new StubHttpHandler(HttpStatusCode.OK, Encoding.UTF8.GetBytes(body)));

        Assert.Null(completion.Choices[0].Message.Content);
        Assert.Equal("""{"city":"Zürich","n":[1,2]}""", completion.Choices[0].Message.ToolCalls![0].Function!.Arguments);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public void Stop_reasons_map_to_finish_reasons(string stopReason, string finishReason) =>
        Assert.Equal(finishReason, AnthropicStopReason.ToFinishReason(stopReason));

    [Fact]
    public async Task A_body_that_is_not_a_message_is_a_malformed_response()
    {
        var ex = await Assert.ThrowsAsync<Core.Upstream.UpstreamException>(() =>
            CompleteAsync(new StubHttpHandler(HttpStatusCode.OK, "<html>gateway</html>"u8.ToArray())));

        Assert.Equal(Core.Upstream.UpstreamErrorKind.MalformedResponse, ex.Kind);
    }
}
