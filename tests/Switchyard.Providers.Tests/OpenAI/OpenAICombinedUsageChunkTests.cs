using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

/// <summary>Some compatible servers (vLLM, older Ollama, Groq) put usage on the last chunk that still has choices.</summary>
public sealed class OpenAICombinedUsageChunkTests
{
    private const string Sse = """
        data: {"id":"c9","object":"chat.completion.chunk","created":7,"model":"llama-3.1-8b","system_fingerprint":"fp_x","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}

        data: {"id":"c9","object":"chat.completion.chunk","created":7,"model":"llama-3.1-8b","system_fingerprint":"fp_x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}

        data: [DONE]


        """;

    [Fact]
    public async Task A_chunk_with_choices_and_usage_is_split_into_a_choice_chunk_and_a_usage_only_chunk()
    {
        var chunks = await StreamAsync(SseText(Sse));

        Assert.Equal(3, chunks.Count);
        var finish = chunks[1];
        Assert.Equal("stop", finish.Choices.Single().FinishReason);
        Assert.Null(finish.Usage);
        var usage = chunks[2];
        Assert.Empty(usage.Choices);
        Assert.Equal((5, 1, 6), (usage.Usage!.PromptTokens, usage.Usage.CompletionTokens, usage.Usage.TotalTokens));
        Assert.Equal(("c9", 7L, "llama-3.1-8b", "chat.completion.chunk"), (usage.Id, usage.Created, usage.Model, usage.Object));
        Assert.Equal("fp_x", usage.SystemFingerprint);
    }

    [Fact]
    public async Task An_explicit_null_usage_on_ordinary_chunks_is_no_usage()
    {
        var chunks = await StreamAsync(SseText(Sse));

        Assert.Null(chunks[0].Usage);
        Assert.Equal("Hi", chunks[0].Choices.Single().Delta.Content);
    }
}
