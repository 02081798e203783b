using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Tests.Support;

namespace Switchyard.Core.Tests.Chat;

/// <summary>
/// The hand-written reader must give exactly what the serializer gives, or step aside: every case
/// compares the two, on recorded answers, on variants, and on a few thousand mutated bodies.
/// </summary>
public sealed class ChatCompletionReaderTests
{
    private static readonly string[] Recorded = ["fixtures/openai/chat-response.json", "fixtures/openai/chat-response-tool-calls.json"];

    [Theory]
    [InlineData("fixtures/openai/chat-response.json")]
    [InlineData("fixtures/openai/chat-response-tool-calls.json")]
    public void A_recorded_answer_is_read_by_hand_and_equals_the_serializers_reading(string fixture)
    {
        var json = File.ReadAllBytes(SharedFiles.PathOf(fixture));

        Assert.True(ChatCompletionReader.TryRead(json, out var read));

        AssertSameAsSerializer(json, read!);
    }

    [Fact]
    public void The_recorded_text_answer_has_every_field_in_place()
    {
        var json = File.ReadAllBytes(SharedFiles.PathOf(Recorded[0]));

        Assert.True(ChatCompletionReader.TryRead(json, out var c));

        Assert.Equal(("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", "chat.completion", 1741569952L, "gpt-5.4", "default"),
            (c!.Id, c.Object, c.Created, c.Model, c.ServiceTier));
        var choice = Assert.Single(c.Choices);
        Assert.Equal(("assistant", "Hello! How can I assist you today?", "stop"), (choice.Message.Role, choice.Message.Content!.Text, choice.FinishReason));
        Assert.Equal(JsonValueKind.Array, choice.Message.Extra!["annotations"].ValueKind);
        Assert.Equal((19, 10, 29, 0, 0), (c.Usage!.PromptTokens, c.Usage.CompletionTokens, c.Usage.TotalTokens,
            c.Usage.PromptTokensDetails!.CachedTokens, c.Usage.CompletionTokensDetails!.ReasoningTokens));
    }

    [Fact]
    public void The_common_words_come_back_as_one_shared_string_each()
    {
        var json = File.ReadAllBytes(SharedFiles.PathOf(Recorded[0]));

        Assert.True(ChatCompletionReader.TryRead(json, out var first));
        Assert.True(ChatCompletionReader.TryRead(json, out var second));

        Assert.Same(first!.Object, second!.Object);
        Assert.Same(first.Choices[0].Message.Role, second.Choices[0].Message.Role);
        Assert.Same(first.Choices[0].FinishReason, second.Choices[0].FinishReason);
        Assert.Same(first.ServiceTier, second.ServiceTier);
        Assert.NotSame(first.Id, second.Id); // anything else is read afresh
    }

    [Theory]
    // Unknown fields: kept where the type keeps them (completion, message, usage), dropped where it does not.
    [InlineData("""{"id":"a","choices":[],"provider":{"name":"x","n":[1,2]},"x_groq":{"id":"q"}}""")]
    [InlineData("""{"choices":[{"index":0,"message":{"role":"assistant","content":"hi","reasoning_content":"because"},"native_finish_reason":"stop","finish_reason":"stop"}]}""")]
    [InlineData("""{"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"queue_time":0.25,"prompt_tokens_details":{"cached_tokens":1,"odd":[]}}}""")]
    [InlineData("""{"choices":[{"message":{"role":"assistant","tool_calls":[{"index":0,"id":"c","type":"function","function":{"name":"f","arguments":"{}","extra":1},"extra":{}}]}}]}""")]
    // Nulls where the serializer keeps them, and absent fields left at their defaults.
    [InlineData("""{"id":null,"model":null,"object":null,"choices":[{"message":{"role":"assistant","content":null,"refusal":null,"tool_calls":null},"finish_reason":null,"logprobs":null}],"usage":null}""")]
    [InlineData("""{"usage":{"prompt_tokens":5,"prompt_tokens_details":null,"completion_tokens_details":{"reasoning_tokens":null,"audio_tokens":3}}}""")]
    [InlineData("""{"choices":[{"message":{"role":"assistant","tool_calls":[{"function":null}]}}]}""")]
    [InlineData("{}")]
    // Duplicates: the last wins, in known and unknown fields alike.
    [InlineData("""{"id":"first","id":"second","choices":[{"index":1}],"choices":[{"index":2},{"index":3}],"x":1,"x":[2]}""")]
    // Escapes in names and values, and text outside ASCII.
    [InlineData("""{"\u0069d":"a\"b\\c\u00e9\ud83d\ude00","choices":[{"message":{"role":"assistant","content":"line\nnext \u2028 ok"}}]}""")]
    [InlineData("""{"object":"chat.completio\u006e","choices":[{"message":{"role":"assist\u0061nt"},"finish_reason":"stopped"}],"service_tier":"flex"}""")]
    [InlineData("""{"error":{"message":"upstream model crashed","type":"server_error"}}""")]
    [InlineData("  {\"id\":\"spaced\"}  \n")]
    public void A_variant_is_read_by_hand_and_equals_the_serializers_reading(string body)
    {
        var json = Encoding.UTF8.GetBytes(body);

        Assert.True(ChatCompletionReader.TryRead(json, out var read), body);

        AssertSameAsSerializer(json, read!);
    }

    [Theory]
    [InlineData("""{"choices":[{"message":{"role":"user","content":[{"type":"text","text":"parts"}]}}]}""")] // parts: the converter's work
    [InlineData("""{"choices":[{"logprobs":{"content":[]}}]}""")]
    [InlineData("""{"choices":[{"message":null}]}""")]
    [InlineData("""{"choices":null}""")]
    [InlineData("""{"choices":[null]}""")]
    [InlineData("""{"created":"1741569952"}""")]
    [InlineData("""{"usage":{"prompt_tokens":1.5}}""")]
    [InlineData("""{"usage":{"prompt_tokens":99999999999}}""")]
    [InlineData("""{"usage":{"prompt_tokens":null}}""")]
    [InlineData("""{"usage":[]}""")]
    [InlineData("""{"id":"a"} {"id":"b"}""")]
    [InlineData("""{"id":"a",}""")]
    [InlineData("""{"id":"a" /* note */}""")]
    [InlineData("""{"id": "unterminated""")]
    [InlineData("""[{"id":"a"}]""")]
    [InlineData("null")]
    [InlineData("")]
    public void Whatever_it_does_not_take_on_is_left_to_the_serializer(string body)
    {
        Assert.False(ChatCompletionReader.TryRead(Encoding.UTF8.GetBytes(body), out var read), body);
        Assert.Null(read);
    }

    [Fact]
    public void Mutated_answers_are_read_as_the_serializer_reads_them_or_not_at_all()
    {
        // Each mutation replaces, removes or adds one value somewhere in a recorded answer. Wherever the hand
        // reader answers, the serializer must succeed and agree; where the serializer fails, the hand reader
        // must have stepped aside.
        string[] bases = [.. Recorded.Select(f => File.ReadAllText(SharedFiles.PathOf(f)))];
        var (handled, declined) = JsonMutations.CheckAgainstSerializer<ChatCompletion>(bases, seed: 20261205, count: 3000,
            ChatCompletionReader.TryRead, ChatJsonContext.Default.ChatCompletion, AssertSameAsSerializer);

        // Both paths really ran: most mutations are read by hand, some are not.
        Assert.InRange(handled, 1500, 2990);
        Assert.InRange(declined, 10, 1500);
    }

    /// <summary>The serializer's reading, written back, equals the hand reading written back; and the few things writing hides.</summary>
    private static void AssertSameAsSerializer(byte[] json, ChatCompletion read)
    {
        var expected = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletion)!;
        Assert.Equal(JsonSerializer.Serialize(expected, ChatJsonContext.Default.ChatCompletion),
            JsonSerializer.Serialize(read, ChatJsonContext.Default.ChatCompletion));
        Assert.Equal(expected.Choices?.Count, read.Choices?.Count);
        for (var i = 0; i < expected.Choices!.Count; i++)
        {
            Assert.Equal(expected.Choices[i].Logprobs.HasValue, read.Choices![i].Logprobs.HasValue);
            Assert.Equal(expected.Choices[i].Message?.Extra?.Keys.Order(), read.Choices[i].Message?.Extra?.Keys.Order());
        }
        Assert.Equal(expected.Extra?.Keys.Order(), read.Extra?.Keys.Order());
        Assert.Equal(expected.Usage?.Extra?.Keys.Order(), read.Usage?.Extra?.Keys.Order());
    }
}
