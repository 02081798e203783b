using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Server.Http;

namespace Switchyard.Server.Tests.Http;

/// <summary>SseChunkWriter writes plain chunks by hand: the bytes must be exactly what the serializer writes, for every chunk.</summary>
public sealed class SseChunkWriterTests
{
    public static TheoryData<string, string> Chunks() => new()
    {
        { "text delta", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":" unable"},"logprobs":null,"finish_reason":null}]}""" },
        { "role chunk", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}]}""" },
        { "finish", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","service_tier":"default","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" },
        { "escaped unicode", """{"id":"c\"1","object":"chat.completion.chunk","created":-1,"model":"m<&>","choices":[{"index":3,"delta":{"content":"caf\u00e9 \"q\" \\ \n\t\u0001 <b>&amp;</b> \ud83d\ude00 世界"},"finish_reason":null}]}""" },
        { "obfuscation", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}],"usage":null,"obfuscation":"aB3\u00e9"}""" },
        { "refusal", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"refusal":"No."},"finish_reason":null}]}""" },
        { "two choices", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null},{"index":1,"delta":{"content":"b"},"finish_reason":"length"}]}""" },
        { "usage (serializer)", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}}""" },
        { "tool call (serializer)", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"t","type":"function","function":{"name":"f","arguments":""}}]},"finish_reason":null}]}""" },
        { "extra fields (serializer)", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"a","reasoning":"r"},"finish_reason":null}],"x_vendor":{"k":[1]}}""" },
        { "logprobs (serializer)", """{"id":"c1","object":"chat.completion.chunk","created":7,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"a"},"logprobs":{"content":[]},"finish_reason":null}]}""" },
    };

    [Theory]
    [MemberData(nameof(Chunks))]
    public async Task A_chunk_is_written_as_the_serializer_writes_it(string why, string json)
    {
        var chunk = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletionChunk)!;
        var expected = "data: " + JsonSerializer.Serialize(chunk, ChatJsonContext.Default.ChatCompletionChunk) + "\n\n";

        var written = await WriteAsync(chunk);

        Assert.True(expected == written, $"{why}:\n{expected}\n{written}");
    }

    [Fact]
    public async Task A_chunk_with_a_missing_id_or_choices_is_left_to_the_serializer()
    {
        var chunk = new ChatCompletionChunk { Id = null!, Choices = null! };
        var expected = "data: " + JsonSerializer.Serialize(chunk, ChatJsonContext.Default.ChatCompletionChunk) + "\n\n";

        Assert.Equal(expected, await WriteAsync(chunk));
    }

    [Fact]
    public async Task Several_chunks_and_done_follow_one_another_in_the_pipe()
    {
        var pipe = new Pipe();
        using (var writer = new SseChunkWriter(pipe.Writer))
        {
            foreach (var text in new[] { "a", "b" })
                await writer.WriteChunkAsync(new ChatCompletionChunk { Id = "c", Model = "m", Choices = [new ChunkChoice { Delta = new ChunkDelta { Content = text } }] },
                    TestContext.Current.CancellationToken);
            await writer.WriteDoneAsync(TestContext.Current.CancellationToken);
        }
        await pipe.Writer.CompleteAsync();

        var all = Encoding.UTF8.GetString((await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken)).Buffer);

        const string chunk = """data: {"id":"c","object":"chat.completion.chunk","created":0,"model":"m","choices":[{"index":0,"delta":{"content":"X"},"finish_reason":null}],"usage":null}""";
        Assert.Equal(chunk.Replace("X", "a", StringComparison.Ordinal) + "\n\n" + chunk.Replace("X", "b", StringComparison.Ordinal) + "\n\ndata: [DONE]\n\n", all);
    }

    private static async Task<string> WriteAsync(ChatCompletionChunk chunk)
    {
        var pipe = new Pipe();
        using (var writer = new SseChunkWriter(pipe.Writer))
            await writer.WriteChunkAsync(chunk, TestContext.Current.CancellationToken);
        await pipe.Writer.CompleteAsync();
        var result = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(result.Buffer);
    }
}
