using System.Text;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

public sealed class OpenAIStreamFailureTests
{
    private const string Chunk = """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""";

    [Fact]
    public async Task A_stream_without_done_is_interrupted()
    {
        var text = FixtureFiles.Text("openai/chat-stream.sse");
        var cut = text[..text.IndexOf("data: [DONE]", StringComparison.Ordinal)];

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseText(cut)));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("[DONE]", ex.Message);
    }

    [Fact]
    public async Task Chunks_before_the_cut_are_delivered_before_the_failure()
    {
        var seen = new List<string?>();
        var adapter = Adapter(SseText($"data: {Chunk}\n\n"));

        await Assert.ThrowsAsync<UpstreamException>(async () =>
        {
            await foreach (var c in adapter.StreamAsync(SimpleCall(stream: true), TestContext.Current.CancellationToken))
                seen.Add(c.Choices[0].Delta.Content);
        });

        Assert.Equal(["Hi"], seen);
    }

    [Fact]
    public async Task A_done_without_a_trailing_blank_line_still_ends_the_stream_cleanly()
    {
        var chunks = await StreamAsync(SseText($"data: {Chunk}\n\ndata: [DONE]\n"));

        Assert.Equal("Hi", OpenAIStreamTests.Content(chunks));
    }

    [Fact]
    public async Task A_done_line_cut_before_its_line_end_is_not_a_clean_end()
    {
        // The event-stream rules drop an unterminated last line: it may be a line the connection cut.
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseText($"data: {Chunk}\n\ndata: [DONE]")));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task An_error_event_mid_stream_throws_with_the_providers_message_and_no_key()
    {
        var sse = $"data: {Chunk}\n\n" +
            """data: {"error":{"message":"The server had an error while processing your request. Key sk-proj-abcdef123456 was used.","type":"server_error","param":null,"code":null}}""" + "\n\n";

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseText(sse)));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("The server had an error while processing your request", ex.Message);
        Assert.DoesNotContain("sk-proj", ex.Message);
    }

    [Fact]
    public async Task Malformed_json_in_a_data_line_is_a_malformed_response()
    {
        var sse = $"data: {Chunk}\n\ndata: {{\"id\":\"c1\",\"choices\":[{{\"delta\":\n\ndata: [DONE]\n\n";

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseText(sse)));

        Assert.Equal(UpstreamErrorKind.MalformedResponse, ex.Kind);
    }

    [Fact]
    public async Task A_connection_broken_mid_stream_is_interrupted()
    {
        var head = Encoding.UTF8.GetBytes($"data: {Chunk}\n\ndata: {Chunk[..30]}");

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(new Anthropic.BreakingStreamHandler(head)));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
        Assert.IsType<IOException>(ex.InnerException);
    }

    [Fact]
    public async Task A_429_before_the_stream_starts_is_rate_limited()
    {
        var stub = StubHttpHandler.Json("openai/error-429.json", System.Net.HttpStatusCode.TooManyRequests);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(stub));

        Assert.Equal(UpstreamErrorKind.RateLimited, ex.Kind);
    }
}
