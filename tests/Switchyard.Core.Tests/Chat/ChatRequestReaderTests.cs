using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Tests.Support;

namespace Switchyard.Core.Tests.Chat;

/// <summary>
/// The hand-written request reader must give exactly what the serializer gives, or step aside: every case
/// compares the two, on the recorded request, on variants, and on a few thousand mutated requests.
/// </summary>
public sealed class ChatRequestReaderTests
{
    internal const string ShortChat = """
        {"model":"auto","max_tokens":256,"messages":[{"role":"system","content":"You are a concise assistant."},
         {"role":"user","content":"Why is the sky blue? Answer in two sentences for a ten-year-old."}]}
        """;

    internal const string ToolConversation = """
        {"model":"gpt-4o-mini","temperature":0.2,"top_p":1,"seed":12345678901,"n":1,"user":"u-7","stream":true,
         "stream_options":{"include_usage":true,"x_future":1},"parallel_tool_calls":false,"stop":["\n\n","END"],
         "messages":[{"role":"user","content":"Weather in Boston?","name":"ann"},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Boston\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"{\"temp\":21}"}],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"d","strict":true,
           "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
         "tool_choice":{"type":"function","function":{"name":"get_weather"}},
         "switchyard":{"route":"cheap","max_cost_usd":0.01},"logit_bias":{"50256":-100},"store":false}
        """;

    internal static string Recorded => File.ReadAllText(SharedFiles.PathOf("fixtures/openai/chat-request-tools.json"));

    [Fact]
    public void The_recorded_request_is_read_by_hand_and_equals_the_serializers_reading()
    {
        var json = Encoding.UTF8.GetBytes(Recorded);

        Assert.True(ChatRequestReader.TryRead(json, out var read));

        AssertSameAsSerializer(json, read!);
        Assert.Equal("get_current_weather", read!.Tools![0].Function!.Name);
        Assert.Equal("auto", read.ToolChoice!.Value.GetString());
    }

    [Theory]
    [InlineData(ShortChat)]
    [InlineData(ToolConversation)]
    // Nulls where the serializer keeps them, and fields left at their defaults.
    [InlineData("""{"model":null,"messages":null,"temperature":null,"max_tokens":null,"stop":null,"seed":null,"tools":null,"tool_choice":null,"stream":null,"stream_options":null,"switchyard":null,"metadata":null,"response_format":null}""")]
    [InlineData("""{"messages":[{"role":"user"}],"stop":"###","stream_options":{},"tools":[{"type":"custom","custom":{"name":"x"}},{"function":null}]}""")]
    [InlineData("""{"tools":[{"function":{"name":null,"parameters":null,"strict":null,"x":[]}}],"stop":[]}""")]
    [InlineData("{}")]
    // Duplicates: the last wins, in known and unknown fields alike.
    [InlineData("""{"model":"a","model":"b","messages":[{"role":"user","content":"1"}],"messages":[{"role":"user","content":"2"}],"x":1,"x":{"y":2}}""")]
    // Escapes in names and values, and text outside ASCII.
    [InlineData("""{"m\u006fdel":"gpt\u002d4","messages":[{"role":"user","content":"caf\u00e9 \ud83d\ude00 \"quoted\" \\ line\nnext"}]}""")]
    [InlineData("""{"temperature":1e-3,"top_p":0.95,"max_completion_tokens":2147483647,"seed":-9223372036854775808}""")]
    public void A_variant_is_read_by_hand_and_equals_the_serializers_reading(string body)
    {
        var json = Encoding.UTF8.GetBytes(body);

        Assert.True(ChatRequestReader.TryRead(json, out var read), body);

        AssertSameAsSerializer(json, read!);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":"parts"}]}]}""")] // parts: the converter's work
    [InlineData("""{"metadata":{"a":"b"}}""")]
    [InlineData("""{"response_format":{"type":"json_object"}}""")]
    [InlineData("""{"messages":[null]}""")]
    [InlineData("""{"messages":"hi"}""")]
    [InlineData("""{"max_tokens":"16"}""")]
    [InlineData("""{"max_tokens":1.5}""")]
    [InlineData("""{"max_tokens":2147483648}""")]
    [InlineData("""{"temperature":"hot"}""")]
    [InlineData("""{"stream":"true"}""")]
    [InlineData("""{"stop":[1]}""")]
    [InlineData("""{"stop":5}""")]
    [InlineData("""{"tools":[null]}""")]
    [InlineData("""{"model":"a"} x""")]
    [InlineData("""{"model":"a",}""")]
    [InlineData("""{"model": "unterminated""")]
    [InlineData("""[{"model":"a"}]""")]
    [InlineData("null")]
    [InlineData("")]
    public void Whatever_it_does_not_take_on_is_left_to_the_serializer(string body)
    {
        Assert.False(ChatRequestReader.TryRead(Encoding.UTF8.GetBytes(body), out var read), body);
        Assert.Null(read);
    }

    [Fact]
    public void Mutated_requests_are_read_as_the_serializer_reads_them_or_not_at_all()
    {
        // Wherever the hand reader answers, the serializer must succeed and agree; where the serializer
        // refuses a request (and the client gets a 400), the hand reader must have stepped aside.
        string[] bases = [Recorded, ShortChat, ToolConversation];
        var (handled, declined) = JsonMutations.CheckAgainstSerializer<ChatRequest>(bases, seed: 20261205, count: 3000,
            ChatRequestReader.TryRead, ChatJsonContext.Default.ChatRequest, AssertSameAsSerializer);
        Assert.InRange(handled, 1500, 2990);
        Assert.InRange(declined, 10, 1500);
    }

    /// <summary>The serializer's reading, written back, equals the hand reading written back; and what writing hides.</summary>
    private static void AssertSameAsSerializer(byte[] json, ChatRequest read)
    {
        var expected = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest)!;
        Assert.Equal(JsonSerializer.Serialize(expected, ChatJsonContext.Default.ChatRequest),
            JsonSerializer.Serialize(read, ChatJsonContext.Default.ChatRequest));
        Assert.Equal(expected.Extra?.Keys.Order(), read.Extra?.Keys.Order());
        Assert.Equal(expected.Stop?.WasSingle, read.Stop?.WasSingle);
        Assert.Equal(expected.ToolChoice.HasValue, read.ToolChoice.HasValue);
        Assert.Equal(expected.Switchyard.HasValue, read.Switchyard.HasValue);
        Assert.Equal(expected.Messages?.Select(m => m.Extra?.Keys.Order()), read.Messages?.Select(m => m.Extra?.Keys.Order()));
    }
}
