using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Anthropic.AnthropicAdapterHarness;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicStreamTests
{
    [Fact]
    public async Task A_text_stream_maps_to_openai_chunks()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("anthropic/messages-stream.sse"));

        Assert.All(chunks, c => Assert.Equal("msg_013nnniYDrJDocdy5nrMU7cH", c.Id));
        Assert.All(chunks, c => Assert.Equal("claude-sonnet-4-5-20250929", c.Model));
        Assert.All(chunks, c => Assert.Equal(Now.ToUnixTimeSeconds(), c.Created));
        var first = chunks[0].Choices[0].Delta;
        Assert.Equal("assistant", first.Role);
        Assert.Equal("", first.Content);
        Assert.Equal("[12345,67890]", Content(chunks));

        var finish = chunks[^2];
        Assert.Equal("stop", Assert.Single(finish.Choices).FinishReason);
        Assert.Null(finish.Usage);
        var usage = chunks[^1];
        Assert.Empty(usage.Choices);
        Assert.Equal(135, usage.Usage!.PromptTokens);
        Assert.Equal(10, usage.Usage.CompletionTokens);
        Assert.Equal(145, usage.Usage.TotalTokens);
        Assert.All(chunks[..^1], c => Assert.Null(c.Usage));
    }

    [Fact]
    public async Task A_tool_use_stream_maps_to_indexed_tool_call_deltas()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("anthropic/messages-stream-tool-use.sse"));

        Assert.Equal("I'll check the current weather in Paris for you.", Content(chunks));
        var toolDeltas = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.All(toolDeltas, t => Assert.Equal(0, t.Index)); // the first tool call, though it is Anthropic's block 1
        var start = toolDeltas[0];
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", start.Id);
        Assert.Equal("function", start.Type);
        Assert.Equal("get_weather", start.Function!.Name);
        Assert.Equal("", start.Function.Arguments);
        Assert.All(toolDeltas.Skip(1), t => Assert.Null(t.Id));

        var arguments = string.Concat(toolDeltas.Select(t => t.Function!.Arguments));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"location": "Paris"}"""), JsonNode.Parse(arguments)));

        Assert.Equal("tool_calls", chunks[^2].Choices[0].FinishReason);
        Assert.Equal(377, chunks[^1].Usage!.PromptTokens);
        Assert.Equal(65, chunks[^1].Usage!.CompletionTokens);
    }

    [Fact]
    public async Task Without_want_usage_the_stream_ends_with_the_finish_chunk()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("anthropic/messages-stream.sse"), SimpleCall(wantUsage: false));

        Assert.Equal("stop", chunks[^1].Choices[0].FinishReason);
        Assert.All(chunks, c => Assert.Null(c.Usage));
        Assert.All(chunks, c => Assert.Single(c.Choices));
    }

    [Fact]
    public async Task Cache_tokens_from_message_start_reach_the_usage_chunk()
    {
        var sse = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_c","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":7,"cache_read_input_tokens":300,"cache_creation_input_tokens":50,"output_tokens":1}}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":12}}

            event: message_stop
            data: {"type":"message_stop"}


            """;

        var chunks = await StreamAsync(SseBytes(Encoding.UTF8.GetBytes(sse)));

        Assert.Equal("length", chunks[^2].Choices[0].FinishReason);
        var usage = chunks[^1].Usage!;
        Assert.Equal(357, usage.PromptTokens);
        Assert.Equal(12, usage.CompletionTokens);
        Assert.Equal(300, usage.PromptTokensDetails!.CachedTokens);
        Assert.Equal(50, usage.PromptTokensDetails.CacheWriteTokens);
    }

    [Fact]
    public async Task A_stream_cut_before_message_stop_is_interrupted()
    {
        var text = FixtureFiles.Text("anthropic/messages-stream.sse");
        var cut = Encoding.UTF8.GetBytes(text[..text.IndexOf("event: message_stop", StringComparison.Ordinal)]);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBytes(cut)));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task An_overloaded_error_event_is_a_server_error()
    {
        var error = JsonNode.Parse(FixtureFiles.Text("anthropic/overloaded-529.json"))!.ToJsonString();
        var text = FixtureFiles.Text("anthropic/messages-stream.sse");
        var sse = text[..text.IndexOf("event: content_block_delta", StringComparison.Ordinal)] + $"event: error\ndata: {error}\n\n";

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(SseBytes(Encoding.UTF8.GetBytes(sse))));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.Equal("overloaded_error", ex.ProviderCode);
        Assert.Contains("Overloaded", ex.Message);
    }

    [Fact]
    public async Task A_connection_broken_mid_stream_is_interrupted()
    {
        var text = FixtureFiles.Text("anthropic/messages-stream.sse");
        var head = Encoding.UTF8.GetBytes(text[..text.IndexOf("event: content_block_stop", StringComparison.Ordinal)]);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(new BreakingStreamHandler(head)));

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
        Assert.IsType<IOException>(ex.InnerException);
    }

    private static string Content(List<ChatCompletionChunk> chunks) =>
        string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content));
}
