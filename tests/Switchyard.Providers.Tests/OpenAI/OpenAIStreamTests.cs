using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

public sealed class OpenAIStreamTests
{
    [Fact]
    public async Task A_text_stream_yields_every_recorded_chunk_in_order()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("openai/chat-stream.sse"));

        Assert.Equal(33, chunks.Count); // role, 30 text deltas, finish, usage
        Assert.All(chunks, c => Assert.Equal("chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL", c.Id));
        Assert.All(chunks, c => Assert.Equal("gpt-4o-2024-08-06", c.Model));
        Assert.All(chunks, c => Assert.Equal(1727346168, c.Created));
        Assert.All(chunks, c => Assert.Equal("fp_5050236cbd", c.SystemFingerprint));
        var first = chunks[0].Choices.Single().Delta;
        Assert.Equal("assistant", first.Role);
        Assert.Equal("", first.Content);
        Assert.Equal(RecordedText("openai/chat-stream.sse"), Content(chunks));
        Assert.StartsWith("I'm unable to provide real-time", Content(chunks));
    }

    [Fact]
    public async Task The_finish_chunk_and_the_usage_chunk_carry_the_recorded_values()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("openai/chat-stream.sse"));

        var finish = Assert.Single(chunks[^2].Choices);
        Assert.Equal("stop", finish.FinishReason);
        Assert.Null(chunks[^2].Usage);
        Assert.All(chunks[..^2], c => Assert.Null(c.Choices.Single().FinishReason));
        var usage = chunks[^1];
        Assert.Empty(usage.Choices);
        Assert.Equal((14, 30, 44), (usage.Usage!.PromptTokens, usage.Usage.CompletionTokens, usage.Usage.TotalTokens));
        Assert.Equal(0, usage.Usage.CompletionTokensDetails!.ReasoningTokens);
        Assert.All(chunks[..^1], c => Assert.Null(c.Usage));
    }

    [Fact]
    public async Task A_tool_call_stream_reassembles_the_recorded_call()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("openai/chat-stream-tool-calls.sse"));

        var deltas = chunks.SelectMany(c => c.Choices).SelectMany(c => c.Delta.ToolCalls ?? []).ToList();
        Assert.All(deltas, d => Assert.Equal(0, d.Index));
        Assert.Equal("call_4XzlGBLtUe9dy3GVNV4jhq7h", deltas[0].Id);
        Assert.Equal("function", deltas[0].Type);
        Assert.Equal("get_weather", deltas[0].Function!.Name);
        Assert.All(deltas.Skip(1), d => Assert.Null(d.Id));
        Assert.All(deltas.Skip(1), d => Assert.Null(d.Function!.Name));
        Assert.Equal("""{"city":"New York City"}""", string.Concat(deltas.Select(d => d.Function!.Arguments)));
        Assert.Null(chunks[0].Choices[0].Delta.Content);
        Assert.Equal("tool_calls", chunks[^2].Choices.Single().FinishReason);
        Assert.Equal((44, 16, 60), (chunks[^1].Usage!.PromptTokens, chunks[^1].Usage!.CompletionTokens, chunks[^1].Usage!.TotalTokens));
    }

    [Theory]
    [InlineData("openai/chat-stream.sse")]
    [InlineData("openai/chat-stream-tool-calls.sse")]
    public async Task Each_chunk_written_back_equals_its_recorded_data_line(string fixture)
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse(fixture));

        var recorded = DataLines(fixture).SkipLast(1).ToList(); // the last is [DONE]
        Assert.Equal(recorded.Count, chunks.Count);
        foreach (var (chunk, line) in chunks.Zip(recorded))
            AssertJsonEqualIgnoringNulls(JsonNode.Parse(line), JsonSerializer.SerializeToNode(chunk, ChatJsonContext.Default.ChatCompletionChunk));
    }

    [Fact]
    public async Task Finish_reason_and_usage_are_written_as_explicit_nulls_as_openai_does()
    {
        var chunks = await StreamAsync(StubHttpHandler.Sse("openai/chat-stream.sse"));

        var written = JsonSerializer.SerializeToNode(chunks[1], ChatJsonContext.Default.ChatCompletionChunk)!.AsObject();

        Assert.True(written.ContainsKey("usage"));
        Assert.Null(written["usage"]);
        Assert.True(written["choices"]![0]!.AsObject().ContainsKey("finish_reason"));
        Assert.Null(written["choices"]![0]!["finish_reason"]);
    }

    internal static string Content(IEnumerable<ChatCompletionChunk> chunks) =>
        string.Concat(chunks.SelectMany(c => c.Choices).Select(c => c.Delta.Content));

    internal static IEnumerable<string> DataLines(string fixture) =>
        FixtureFiles.Text(fixture).Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]);

    /// <summary>The text of the deltas as the fixture records them, read independently of the adapter.</summary>
    private static string RecordedText(string fixture) =>
        string.Concat(DataLines(fixture).SkipLast(1)
            .Select(l => JsonNode.Parse(l)!["choices"]!.AsArray())
            .Where(c => c.Count > 0)
            .Select(c => (string?)c[0]!["delta"]!["content"]));
}
