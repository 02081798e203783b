using System.Text;
using OpenAI.Chat;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>Streams through the gateway: chunks in OpenAI's shape, usage when asked, and honest failures.</summary>
public class StreamingTests(GatewayFixture fixture)
{
    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Streams_text_then_finish_then_usage(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Tell me about trains.")], cancellationToken: TestContext.Current.CancellationToken))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.True(updates > 2, $"expected several chunks, got {updates}");
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);

        // The streamed text equals the non-streamed answer to the same prompt.
        var whole = await chat.CompleteChatAsync([new UserChatMessage("Tell me about trains.")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(whole.Value.Content[0].Text, text.ToString());
        Assert.Equal(whole.Value.Usage.OutputTokenCount, usage.OutputTokenCount);
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Raw_stream_has_the_openai_framing_and_ends_with_done(string model)
    {
        var body = $$"""{"model":"{{model}}","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi there"}]}""";
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(model, ResponseHeaders.Get(response, "x-switchyard-model"));
        Assert.Null(ResponseHeaders.Get(response, "x-switchyard-cost-usd")); // streams carry no cost header
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        Assert.Contains("\"choices\":[]", events[^2]); // the usage chunk comes last, with no choices
        Assert.Contains("\"prompt_tokens\"", events[^2]);
        Assert.Contains("\"role\":\"assistant\"", events[0]);
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Usage_chunk_is_not_shown_when_the_client_did_not_ask(string model)
    {
        var body = $$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"hi there"}]}""";
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("\"prompt_tokens\"", text);
        Assert.EndsWith("data: [DONE]\n\n", text);
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Stream_cut_after_its_first_chunk_raises_in_the_sdk(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var received = new StringBuilder();
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in chat.CompleteChatStreamingAsync(
                [new UserChatMessage("Tell me a long story about lighthouses and the sea. [sim:cut_after=1]")],
                cancellationToken: TestContext.Current.CancellationToken))
                foreach (var part in update.ContentUpdate) received.Append(part.Text);
        });
        Assert.IsNotType<OperationCanceledException>(error);
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Stream_cut_after_its_first_chunk_ends_with_an_error_event_and_no_done(string model)
    {
        var body = $$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"A long story about lighthouses and the sea, please. [sim:cut_after=1]"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var aborted = false;
        try { await stream.CopyToAsync(received, TestContext.Current.CancellationToken); }
        catch (Exception ex) when (ex is IOException or HttpRequestException) { aborted = true; }

        var text = Encoding.UTF8.GetString(received.ToArray());
        Assert.True(aborted, "the connection must be aborted, not ended cleanly");
        Assert.Contains("data: {\"error\":", text);
        Assert.DoesNotContain("[DONE]", text);
        Assert.Contains("\"delta\"", text); // the first chunk did go out before the cut
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task A_streams_cost_is_usage_times_price_even_when_the_client_did_not_ask_for_usage(string model)
    {
        var body = $$"""{"model":"{{model}}","stream":true,"messages":[{"role":"user","content":"What does a stream cost?"}]}""";
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var outcome = fixture.Outcomes.Find(ResponseHeaders.Get(response, "x-request-id")!);

        Assert.NotNull(outcome);
        Assert.True(outcome.Streamed);
        Assert.NotNull(outcome.Usage); // asked of the upstream although the client did not ask
        var (input, output) = ChatCompletionTests.Prices[model];
        Assert.Equal((outcome.Usage.PromptTokens * input + outcome.Usage.CompletionTokens * output) / 1_000_000m, outcome.Cost!.Cost);
        Assert.False(outcome.Cost.Estimated);
    }
}
