using System.Text;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

public sealed class GeminiStreamTests
{
    private const string Fixture = "gemini/stream-alt-sse.sse";
    private const string Request = """{"messages": [{"role": "user", "content": "Why is the sky blue?"}], "stream": true}""";

    private static Task<List<ChatCompletionChunk>> StreamAsync(StubHttpHandler stub, bool wantUsage = true) =>
        GeminiTestCalls.CollectAsync(GeminiTestCalls.Adapter(stub).StreamAsync(
            GeminiTestCalls.Call(Request) with { WantUsage = wantUsage }, TestContext.Current.CancellationToken));

    private static StubHttpHandler SseBody(string body) => GeminiTestCalls.Answer(body, contentType: "text/event-stream");

    [Fact]
    public async Task Recorded_stream_maps_to_role_text_finish_and_usage_chunks()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse(Fixture));

        Assert.Equal(6, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(("qNSfaN6BAtWknvgPjZf02AQ", "gemini-2.0-flash", "chat.completion.chunk"), (c.Id, c.Model, c.Object)));
        Assert.Equal(("assistant", ""), (chunks[0].Choices[0].Delta.Role, chunks[0].Choices[0].Delta.Content));
        var text = string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content));
        Assert.Equal("The sky is blue because of a phenomenon called **Rayleigh scattering**. Here's a breakdown:", text);

        var finish = chunks[4];
        Assert.Equal("length", Assert.Single(finish.Choices).FinishReason);
        Assert.Null(finish.Usage);
        Assert.All(chunks.Take(4), c => Assert.Null(c.Choices[0].FinishReason));

        var usage = chunks[5];
        Assert.Empty(usage.Choices);
        Assert.Equal((6, 20, 26), (usage.Usage!.PromptTokens, usage.Usage.CompletionTokens, usage.Usage.TotalTokens));
    }

    [Fact]
    public async Task Without_want_usage_no_usage_chunk_is_sent()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse(Fixture), wantUsage: false);
        Assert.Equal(5, chunks.Count);
        Assert.All(chunks, c => { Assert.Null(c.Usage); Assert.NotEmpty(c.Choices); });
    }

    [Fact]
    public async Task A_stream_cut_before_the_finishing_event_is_interrupted()
    {
        var recorded = FixtureFiles.Text(Fixture);
        var cut = recorded[..recorded.LastIndexOf("data: ", StringComparison.Ordinal)];
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBody(cut)));
        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task A_stream_cut_inside_an_event_is_interrupted_not_malformed()
    {
        var recorded = FixtureFiles.Text(Fixture);
        var cut = recorded[..(recorded.LastIndexOf("data: ", StringComparison.Ordinal) + 40)];
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBody(cut)));
        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task An_empty_stream_is_interrupted()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBody("")));
        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task Function_calls_stream_as_complete_tool_call_deltas_and_finish_with_tool_calls()
    {
        var body = new StringBuilder()
            .Append("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]}}],\"responseId\":\"r1\"}\r\n\r\n")
            .Append("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_time\",\"args\":{}}}]},\"finishReason\":\"STOP\"}],\"responseId\":\"r1\",\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":7}}\r\n\r\n")
            .ToString();
        var chunks = await StreamAsync(SseBody(body));

        var calls = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.Equal([(0, "get_weather", """{"city":"Paris"}"""), (1, "get_time", "{}")],
            calls.Select(c => (c.Index!.Value, c.Function!.Name!, c.Function.Arguments!)));
        Assert.All(calls, c => { Assert.StartsWith("call_", c.Id); Assert.Equal("function", c.Type); });
        Assert.Equal("tool_calls", chunks.SelectMany(c => c.Choices).Last().FinishReason);

        // The same calls get the same ids streamed or not.
        var whole = await GeminiTestCalls.Adapter(GeminiTestCalls.Answer("""
            {"candidates": [{"content": {"role": "model", "parts": [
              {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}},
              {"functionCall": {"name": "get_time", "args": {}}}
            ]}, "finishReason": "STOP"}], "responseId": "r1"}
            """)).CompleteAsync(GeminiTestCalls.Call(Request), TestContext.Current.CancellationToken);
        Assert.Equal(whole.Choices[0].Message.ToolCalls!.Select(c => c.Id), calls.Select(c => c.Id));
    }

    [Fact]
    public async Task A_prompt_blocked_in_the_stream_is_a_content_policy_failure()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBody(
            "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}\r\n\r\n")));
        Assert.Equal(UpstreamErrorKind.ContentPolicy, ex.Kind);
    }

    [Fact]
    public async Task An_error_event_after_200_interrupts_the_stream_without_the_key()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBody(
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n" +
            $"data: {{\"error\":{{\"code\":500,\"message\":\"Internal error for {GeminiTestCalls.Key}\",\"status\":\"INTERNAL\"}}}}\r\n\r\n")));
        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
        Assert.DoesNotContain(GeminiTestCalls.Key, ex.Message);
    }
}
