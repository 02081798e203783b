using System.Text;
using System.Text.Json;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Anthropic.AnthropicAdapterHarness;

namespace Switchyard.Providers.Tests.Anthropic;

/// <summary>The fast path for text deltas must read what the full parse reads, or decline.</summary>
public sealed class AnthropicTextDeltaReaderTests
{
    [Theory]
    [InlineData("anthropic/messages-stream.sse")]
    [InlineData("anthropic/messages-stream-tool-use.sse")]
    public void Every_recorded_event_is_read_as_the_full_parse_reads_it_or_declined(string fixture)
    {
        var read = 0;
        foreach (var data in DataLines(FixtureFiles.Text(fixture)))
        {
            var full = JsonSerializer.Deserialize(data, AnthropicJsonContext.Default.AnthropicStreamEvent)!;
            var isText = full is { Type: "content_block_delta", Delta.Type: "text_delta" };

            Assert.Equal(isText, AnthropicTextDeltaReader.TryRead(Encoding.UTF8.GetBytes(data), out var text));
            if (!isText) continue;
            Assert.Equal(full.Delta!.Text, text);
            read++;
        }
        Assert.True(read > 0, "no text delta took the fast path");
    }

    [Theory]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"caf\u00e9 \"q\"\n\ud83d\ude00"}}""", "café \"q\"\n😀")]
    [InlineData("""{"delta":{"text":"Grüße 世界","type":"text_delta"},"index":3,"type":"content_block_delta"}""", "Grüße 世界")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","citations":[{"x":1}]},"future":{"y":[2]}}   """, "a")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""}}""", "")]
    public void Escaped_unicode_any_order_and_unknown_fields_read_the_text(string data, string expected)
    {
        Assert.True(AnthropicTextDeltaReader.TryRead(Encoding.UTF8.GetBytes(data), out var text));
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("""{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}}""")]
    [InlineData("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}""")]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")]
    [InlineData("""{"type":"content_block_delta","index":"0","delta":{"type":"text_delta","text":"a"}}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":null}}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}""")]
    [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"}} x""")]
    public void Any_other_event_is_left_to_the_full_parse(string data)
    {
        Assert.False(AnthropicTextDeltaReader.TryRead(Encoding.UTF8.GetBytes(data), out _));
    }

    [Fact]
    public async Task Fast_and_full_text_deltas_make_the_same_chunks_in_a_stream()
    {
        // The second delta carries partial_json beside its text, which sends it through the full parse.
        const string sse = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße \ud83d\ude00"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße \ud83d\ude00","partial_json":""}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":4}}

            event: message_stop
            data: {"type":"message_stop"}


            """;

        var chunks = await StreamAsync(SseBytes(Encoding.UTF8.GetBytes(sse)));

        Assert.Equal(5, chunks.Count);
        Assert.Equal(Json(chunks[1]), Json(chunks[2]));
        Assert.Equal("Grüße 😀", chunks[1].Choices[0].Delta.Content);
        Assert.All(chunks, c => Assert.Equal(("msg_1", "claude-x"), (c.Id, c.Model)));
    }

    private static string Json(Core.Chat.ChatCompletionChunk chunk) =>
        JsonSerializer.Serialize(chunk, Core.Chat.ChatJsonContext.Default.ChatCompletionChunk);

    private static IEnumerable<string> DataLines(string sse) =>
        sse.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]);
}
