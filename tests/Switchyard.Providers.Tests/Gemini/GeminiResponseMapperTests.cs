using System.Net;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

public sealed class GeminiResponseMapperTests
{
    private const string SimpleRequest = """{"messages": [{"role": "user", "content": "hi"}]}""";

    private static Task<Switchyard.Core.Chat.ChatCompletion> CompleteAsync(StubHttpHandler stub) =>
        GeminiTestCalls.Adapter(stub).CompleteAsync(GeminiTestCalls.Call(SimpleRequest, "gemini-upstream"), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Text_response_maps_to_a_completion_with_reasoning_counted_in_completion_tokens()
    {
        var completion = await CompleteAsync(StubHttpHandler.Json("gemini/generate-response.json"));

        Assert.Equal("hi77aOvyCJ-jvr0P8syDgQw", completion.Id);
        Assert.Equal("chat.completion", completion.Object);
        Assert.Equal("gemini-2.5-flash", completion.Model);
        Assert.Equal(GeminiTestCalls.Now.ToUnixTimeSeconds(), completion.Created);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal(0, choice.Index);
        Assert.Equal("assistant", choice.Message.Role);
        Assert.Equal("low", choice.Message.Content?.Text);
        Assert.Null(choice.Message.ToolCalls);
        Assert.Equal("stop", choice.FinishReason);
        var usage = completion.Usage!;
        Assert.Equal(9, usage.PromptTokens);
        Assert.Equal(21, usage.CompletionTokens); // 1 candidate + 20 thoughts
        Assert.Equal(30, usage.TotalTokens);
        Assert.Equal(20, usage.CompletionTokensDetails?.ReasoningTokens);
        Assert.Equal(0, usage.PromptTokensDetails?.CachedTokens);
        Assert.Null(completion.UpstreamJson); // mapped from another wire: the gateway serializes it
    }

    [Fact]
    public async Task Function_call_response_maps_to_tool_calls()
    {
        var completion = await CompleteAsync(StubHttpHandler.Json("gemini/generate-response-function-call.json"));

        Assert.Equal("x9SfaLCQBs7shMIP2Mei0AI", completion.Id);
        Assert.Equal("gemini-2.0-flash", completion.Model);
        var choice = Assert.Single(completion.Choices);
        Assert.Equal("tool_calls", choice.FinishReason);
        Assert.Null(choice.Message.Content);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.StartsWith("call_", call.Id);
        Assert.Null(call.Index);
        Assert.Equal("function", call.Type);
        Assert.Equal("customDivide", call.Function?.Name);
        Assert.Equal("""{"denominator":2,"numerator":100}""", call.Function?.Arguments);
        Assert.Equal((21, 6, 27), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens));
        Assert.Equal(0, completion.Usage.CompletionTokensDetails?.ReasoningTokens);
    }

    [Fact]
    public async Task Generated_tool_call_ids_are_deterministic_for_the_same_response()
    {
        var first = await CompleteAsync(StubHttpHandler.Json("gemini/generate-response-function-call.json"));
        var second = await CompleteAsync(StubHttpHandler.Json("gemini/generate-response-function-call.json"));
        Assert.Equal(first.Choices[0].Message.ToolCalls![0].Id, second.Choices[0].Message.ToolCalls![0].Id);
    }

    [Fact]
    public async Task Thought_parts_are_left_out_and_gemini_ids_and_signatures_are_kept_in_the_tool_call_id()
    {
        var completion = await CompleteAsync(GeminiTestCalls.Answer("""
            {"candidates": [{"content": {"role": "model", "parts": [
               {"text": "Planning the lookup...", "thought": true},
               {"text": "Let me check."},
               {"functionCall": {"id": "tAyN1Fx2", "name": "lookup", "args": {"q": "é<>"}}, "thoughtSignature": "c2ln+/="}
             ]}, "finishReason": "STOP"}],
             "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 7, "thoughtsTokenCount": 3, "cachedContentTokenCount": 4, "totalTokenCount": 15}}
            """));

        var choice = Assert.Single(completion.Choices);
        Assert.Equal("Let me check.", choice.Message.Content?.Text);
        var call = Assert.Single(choice.Message.ToolCalls!);
        Assert.Equal("tAyN1Fx2__thought__c2ln+/=", call.Id);
        Assert.Equal("""{"q":"é<>"}""", call.Function?.Arguments);
        Assert.StartsWith("chatcmpl-", completion.Id); // no responseId
        Assert.Equal("gemini-upstream", completion.Model); // no modelVersion
        Assert.Equal((5, 10, 15, 4), (completion.Usage!.PromptTokens, completion.Usage.CompletionTokens, completion.Usage.TotalTokens, completion.Usage.PromptTokensDetails!.CachedTokens));
    }

    [Fact]
    public void The_signature_carried_in_the_id_goes_back_beside_the_function_call()
    {
        var wire = GeminiTestCalls.Wire("""
            {"messages": [
              {"role": "assistant", "tool_calls": [{"id": "tAyN1Fx2__thought__c2ln+/=", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}]},
              {"role": "tool", "tool_call_id": "tAyN1Fx2__thought__c2ln+/=", "content": "ok"}
            ]}
            """);
        var callPart = wire["contents"]![0]!["parts"]![0]!;
        Assert.Equal("c2ln+/=", (string?)callPart["thoughtSignature"]);
        Assert.Equal("tAyN1Fx2", (string?)callPart["functionCall"]!["id"]);
        Assert.Equal("tAyN1Fx2", (string?)wire["contents"]![1]!["parts"]![0]!["functionResponse"]!["id"]);
    }

    [Theory]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("BLOCKLIST", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("OTHER", "stop")]
    public async Task Finish_reasons_map_to_openai_values(string geminiReason, string openAIReason)
    {
        var completion = await CompleteAsync(GeminiTestCalls.Answer($$"""
            {"candidates": [{"content": {"role": "model", "parts": [{"text": "x"}]}, "finishReason": "{{geminiReason}}"}]}
            """));
        Assert.Equal(openAIReason, completion.Choices[0].FinishReason);
    }

    [Fact]
    public async Task Each_candidate_becomes_a_choice()
    {
        var completion = await CompleteAsync(GeminiTestCalls.Answer("""
            {"candidates": [
              {"content": {"role": "model", "parts": [{"text": "a"}]}, "finishReason": "STOP", "index": 0},
              {"content": {"role": "model", "parts": [{"text": "b"}]}, "finishReason": "MAX_TOKENS", "index": 1}
            ]}
            """));
        Assert.Equal([(0, "a", "stop"), (1, "b", "length")],
            completion.Choices.Select(c => (c.Index, c.Message.Content!.Text!, c.FinishReason!)));
    }

    [Fact]
    public async Task A_blocked_prompt_is_a_content_policy_failure()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(GeminiTestCalls.Answer("""
            {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}}
            """)));
        Assert.Equal(UpstreamErrorKind.ContentPolicy, ex.Kind);
        Assert.Contains("PROHIBITED_CONTENT", ex.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_malformed_response()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(GeminiTestCalls.Answer("<html>proxy</html>", HttpStatusCode.OK, "text/html")));
        Assert.Equal(UpstreamErrorKind.MalformedResponse, ex.Kind);
    }
}
