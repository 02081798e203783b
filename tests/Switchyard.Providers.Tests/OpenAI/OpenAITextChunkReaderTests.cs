using System.Text;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Providers.OpenAI;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.OpenAI;

/// <summary>The fast path for plain text chunks must give exactly what the full parse gives, or decline.</summary>
public sealed class OpenAITextChunkReaderTests
{
    private const string Head = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"gpt-4o\",\"system_fingerprint\":\"fp_1\"";

    [Theory]
    [InlineData("openai/chat-stream.sse")]
    [InlineData("openai/chat-stream-tool-calls.sse")]
    public void Every_recorded_chunk_it_reads_equals_the_full_parse(string fixture)
    {
        var reader = new OpenAITextChunkReader();
        var read = 0;
        var events = DataLines(FixtureFiles.Text(fixture)).Where(d => d != "[DONE]").ToList();
        foreach (var data in events)
        {
            if (!reader.TryRead(Encoding.UTF8.GetBytes(data), out var chunk)) continue;
            Assert.Equal(FullParseJson(data), Json(chunk));
            read++;
        }
        // The plain stream is all text deltas but its last (usage-only) chunk; the tool stream's text-free deltas must decline.
        if (fixture == "openai/chat-stream.sse") Assert.Equal(events.Count - 1, read);
        else Assert.InRange(read, 1, events.Count - 1);
    }

    [Theory]
    [InlineData("""{"index":0,"delta":{"content":"caf\u00e9 \"quoted\"\n\ud83d\ude00 done"},"logprobs":null,"finish_reason":null}""")]
    [InlineData("""{"index":0,"delta":{"content":"Grüße, 世界 😀 <b>&amp;</b>"},"finish_reason":null}""")]
    [InlineData("""{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}""")]
    [InlineData("""{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}""")]
    [InlineData("""{"finish_reason":"length","delta":{"content":null},"index":2}""")]
    [InlineData("""{"index":0,"delta":{"refusal":"I can't help with that."},"finish_reason":null}""")]
    public void Escaped_unicode_and_empty_deltas_read_as_the_full_parse_reads_them(string choice)
    {
        var data = Head + ",\"choices\":[" + choice + "],\"usage\":null}";
        AssertReadAsTheFullParse(data);
        // OpenAI's padding field (on unless the client turns it off) must not push a chunk off the fast path.
        AssertReadAsTheFullParse(Head + ",\"choices\":[" + choice + "],\"usage\":null,\"obfuscation\":\"x8\\u00e9Qz\"}");
    }

    [Theory]
    [InlineData("123")]
    [InlineData("{\"pad\":[1,2]}")]
    public void An_obfuscation_field_that_is_not_a_string_is_dropped_not_an_error(string value)
    {
        var data = Head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}],\"obfuscation\":" + value + "}";
        var chunk = JsonSerializer.Deserialize(data, ChatJsonContext.Default.ChatCompletionChunk)!;
        Assert.Null(chunk.Obfuscation);
        Assert.Equal("hi", chunk.Choices[0].Delta.Content);
    }

    private static void AssertReadAsTheFullParse(string data)
    {
        Assert.True(new OpenAITextChunkReader().TryRead(Encoding.UTF8.GetBytes(data), out var chunk));

        Assert.Equal(FullParseJson(data), Json(chunk));
        Assert.Null(chunk.Extra);
    }

    [Fact]
    public void A_chunk_that_changes_id_and_model_mid_stream_carries_the_new_ones_and_drops_what_it_left_out()
    {
        var reader = new OpenAITextChunkReader();
        string[] stream =
        [
            Head + ""","service_tier":"default","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}""",
            """{"id":"c2","object":"chat.completion.chunk","created":8,"model":"gpt-4o-mini","choices":[{"index":1,"delta":{"content":"b"},"finish_reason":null}]}""",
            """{"choices":[{"delta":{"content":"c"}}]}""",
        ];
        foreach (var data in stream)
        {
            Assert.True(reader.TryRead(Encoding.UTF8.GetBytes(data), out var chunk));
            Assert.Equal(FullParseJson(data), Json(chunk));
        }
    }

    [Fact]
    public void Strings_that_repeat_are_read_once_per_stream()
    {
        var reader = new OpenAITextChunkReader();
        var data = Encoding.UTF8.GetBytes(Head + ""","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}""");
        Assert.True(reader.TryRead(data, out var first));
        var (id, model, fingerprint) = (first.Id, first.Model, first.SystemFingerprint);

        Assert.True(reader.TryRead(data, out var second));

        Assert.Same(id, second.Id);
        Assert.Same(model, second.Model);
        Assert.Same(fingerprint, second.SystemFingerprint);
    }

    [Theory]
    [InlineData("tool calls", ""","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},"finish_reason":null}]}""")]
    [InlineData("usage", ""","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""")]
    [InlineData("usage beside a choice", ""","choices":[{"index":0,"delta":{"content":"a"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""")]
    [InlineData("an unknown top-level field", ""","x_vendor":"xyz","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}""")]
    [InlineData("an unknown delta field", ""","choices":[{"index":0,"delta":{"content":"a","reasoning_content":"hm"},"finish_reason":null}]}""")]
    [InlineData("logprobs", ""","choices":[{"index":0,"delta":{"content":"a"},"logprobs":{"content":[]},"finish_reason":null}]}""")]
    [InlineData("two choices", ""","choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}""")]
    [InlineData("no choices", ""","choices":[]}""")]
    [InlineData("an error", ""","error":{"message":"boom"},"choices":[]}""")]
    [InlineData("a null id", ""","choices":[{"index":0,"delta":{"content":"a"}}],"id":null}""")]
    [InlineData("a number as text", ""","choices":[{"index":0,"delta":{"content":5}}]}""")]
    [InlineData("invalid JSON", ""","choices":[{"index":0,"delta":{"content":"a"}}]""")]
    [InlineData("trailing content", ""","choices":[{"index":0,"delta":{"content":"a"}}]} {}""")]
    public void Any_other_shape_is_left_to_the_full_parse(string why, string rest)
    {
        Assert.False(new OpenAITextChunkReader().TryRead(Encoding.UTF8.GetBytes(Head + rest), out _), why);
    }

    [Fact]
    public async Task A_stream_mixing_both_paths_keeps_unknown_fields_and_splits_usage_as_before()
    {
        var sse = string.Join("\n\n",
            "data: " + Head + ""","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            "data: " + Head + ""","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"x_vendor":{"k":1}}""",
            "data: " + Head + ""","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":null}]}""",
            "data: " + Head + ""","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}""",
            "data: [DONE]", "");

        var chunks = await OpenAITestCalls.StreamAsync(OpenAITestCalls.SseText(sse));

        Assert.Equal(["", "Hi", " there", null, null], chunks.Select(c => c.Choices.FirstOrDefault()?.Delta.Content));
        Assert.Equal("""{"k":1}""", chunks[1].Extra!["x_vendor"].GetRawText());
        Assert.Null(chunks[2].Extra);
        Assert.Equal("stop", chunks[3].Choices[0].FinishReason);
        Assert.Equal(5, chunks[4].Usage!.TotalTokens);
        Assert.All(chunks, c => Assert.Equal(("c1", "gpt-4o"), (c.Id, c.Model)));
    }

    private static IEnumerable<string> DataLines(string sse) =>
        sse.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]);

    private static string FullParseJson(string data) => Json(JsonSerializer.Deserialize(data, ChatJsonContext.Default.ChatCompletionChunk)!);

    private static string Json(ChatCompletionChunk chunk) => JsonSerializer.Serialize(chunk, ChatJsonContext.Default.ChatCompletionChunk);
}
