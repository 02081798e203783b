using System.Text;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Providers.Gemini;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

/// <summary>The fast path for text events must read what the full parse reads, or decline.</summary>
public sealed class GeminiTextEventReaderTests
{
    private const string Request = """{"messages": [{"role": "user", "content": "Why is the sky blue?"}], "stream": true}""";
    private const string Usage = "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":3,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":7}],\"totalTokenCount\":10}";

    [Fact]
    public void The_recorded_text_events_are_read_as_the_full_parse_reads_them()
    {
        var read = 0;
        foreach (var data in DataLines(FixtureFiles.Text("gemini/stream-alt-sse.sse")))
        {
            if (!GeminiTextEventReader.TryRead(Encoding.UTF8.GetBytes(data), out var e)) continue;
            var full = JsonSerializer.Deserialize(data, GeminiJsonContext.Default.GeminiResponse)!;
            var candidate = Assert.Single(full.Candidates!);
            Assert.Null(candidate.FinishReason);
            Assert.Equal(GeminiCandidateReader.Text(candidate.Content), e.Text);
            Assert.Equal(candidate.Index ?? 0, e.CandidateIndex);
            var usage = full.UsageMetadata!;
            Assert.Equal(new GeminiUsageCounts(usage.PromptTokenCount, usage.CandidatesTokenCount, usage.ThoughtsTokenCount,
                usage.CachedContentTokenCount, usage.ToolUsePromptTokenCount, usage.TotalTokenCount), e.Usage);
            read++;
        }
        Assert.Equal(2, read); // the first two; the last carries the finishReason
    }

    [Theory]
    [InlineData("""{"candidates":[{"content":{"parts":[{"text":"caf\u00e9 \"q\"\n\ud83d\ude00"}],"role":"model"},"safetyRatings":[{"category":"X","probability":"NEGLIGIBLE"}]}],"modelVersion":"m"}""", "café \"q\"\n😀", 0)]
    [InlineData("""{"responseId":"r","candidates":[{"index":1,"content":{"role":"model","parts":[{"thoughtSignature":"sig","text":"Grüße 世界"}]}}]}""", "Grüße 世界", 1)]
    public void Escaped_unicode_any_order_and_ignored_fields_read_the_text(string data, string text, int index)
    {
        Assert.True(GeminiTextEventReader.TryRead(Encoding.UTF8.GetBytes(data), out var e));
        Assert.Equal((text, index, (GeminiUsageCounts?)null), (e.Text, e.CandidateIndex, e.Usage));
    }

    [Theory]
    [InlineData("finish", """{"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"}]}""")]
    [InlineData("function call", """{"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{}}}]}}]}""")]
    [InlineData("thought", """{"candidates":[{"content":{"parts":[{"text":"hm","thought":true}]}}]}""")]
    [InlineData("two parts", """{"candidates":[{"content":{"parts":[{"text":"a"},{"text":"b"}]}}]}""")]
    [InlineData("two candidates", """{"candidates":[{"content":{"parts":[{"text":"a"}]}},{"index":1,"content":{"parts":[{"text":"b"}]}}]}""")]
    [InlineData("no candidates", """{"usageMetadata":{"promptTokenCount":1}}""")]
    [InlineData("prompt feedback", """{"candidates":[{"content":{"parts":[{"text":"a"}]}}],"promptFeedback":{"blockReason":"SAFETY"}}""")]
    [InlineData("error", """{"candidates":[{"content":{"parts":[{"text":"a"}]}}],"error":{"code":500,"message":"boom"}}""")]
    [InlineData("bad count", """{"candidates":[{"content":{"parts":[{"text":"a"}]}}],"usageMetadata":{"promptTokenCount":"1"}}""")]
    [InlineData("cut JSON", """{"candidates":[{"content":{"parts":[{"text":"a"}]}}]""")]
    public void Any_other_event_is_left_to_the_full_parse(string why, string data)
    {
        Assert.False(GeminiTextEventReader.TryRead(Encoding.UTF8.GetBytes(data), out _), why);
    }

    [Fact]
    public async Task Usage_read_on_the_fast_path_is_the_final_usage_when_the_finish_event_has_none()
    {
        var sse = string.Join("\r\n\r\n",
            """data: {"candidates":[{"content":{"parts":[{"text":"The"}],"role":"model"}}],"modelVersion":"gemini-x","responseId":"r1"}""",
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" sky\"}],\"role\":\"model\"}}]," + Usage + "}",
            """data: {"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP"}]}""", "");

        var chunks = await StreamAsync(sse);

        Assert.Equal(["", "The", " sky", null], chunks.Where(c => c.Choices.Count > 0).Select(c => c.Choices[0].Delta.Content));
        Assert.Equal("stop", chunks[^2].Choices[0].FinishReason);
        Assert.Equal((7, 3, 10), (chunks[^1].Usage!.PromptTokens, chunks[^1].Usage!.CompletionTokens, chunks[^1].Usage!.TotalTokens));
        Assert.All(chunks, c => Assert.Equal(("r1", "gemini-x"), (c.Id, c.Model)));
    }

    [Fact]
    public async Task A_second_candidate_appearing_later_still_gets_its_role_chunk_first()
    {
        var sse = string.Join("\r\n\r\n",
            """data: {"candidates":[{"content":{"parts":[{"text":"A"}],"role":"model"}}],"responseId":"r1"}""",
            """data: {"candidates":[{"index":1,"content":{"parts":[{"text":"B"}],"role":"model"}}]}""",
            """data: {"candidates":[{"index":1,"content":{"parts":[{"text":"C"}],"role":"model"}}]}""",
            """data: {"candidates":[{"index":0,"content":{"parts":[{"text":""}]},"finishReason":"STOP"},{"index":1,"content":{"parts":[{"text":""}]},"finishReason":"STOP"}]}""", "");

        var chunks = await StreamAsync(sse, wantUsage: false);

        var deltas = chunks.Select(c => (c.Choices[0].Index, c.Choices[0].Delta.Role, c.Choices[0].Delta.Content)).ToList();
        Assert.Equal([(0, "assistant", ""), (0, null, "A"), (1, "assistant", ""), (1, null, "B"), (1, null, "C"), (0, null, null), (1, null, null)], deltas);
    }

    private static Task<List<ChatCompletionChunk>> StreamAsync(string sse, bool wantUsage = true) =>
        GeminiTestCalls.CollectAsync(GeminiTestCalls.Adapter(GeminiTestCalls.Answer(sse, contentType: "text/event-stream")).StreamAsync(
            GeminiTestCalls.Call(Request) with { WantUsage = wantUsage }, TestContext.Current.CancellationToken));

    private static IEnumerable<string> DataLines(string sse) =>
        sse.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]);
}
