using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Tests.Support;

namespace Switchyard.Core.Tests.Chat;

/// <summary>The hand-written request writer must write what the serializer writes, byte for byte.</summary>
public sealed class ChatRequestWriterTests
{
    [Theory]
    [InlineData("recorded")]
    [InlineData(ChatRequestReaderTests.ShortChat)]
    [InlineData(ChatRequestReaderTests.ToolConversation)]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}},{"type":"input_audio","input_audio":{"data":"x"}}]}]}""")]
    [InlineData("""{"metadata":{"team":"a<b>&'"},"response_format":{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"},"strict":true}},"stop":"###"}""")]
    [InlineData("""{"messages":[{"role":"assistant","content":null,"refusal":"no","x_vendor":{"k":[1,2.50,"\u00e9"]}}],"tool_choice":null,"switchyard":{"route":"r"}}""")]
    [InlineData("""{"model":"caf\u00e9 <tag> & \"q\" \ud83d\ude00","temperature":0.1,"top_p":1e-7,"seed":-1,"n":2,"stream":false,"parallel_tool_calls":true}""")]
    [InlineData("{}")]
    public void A_request_is_written_byte_for_byte_as_the_serializer_writes_it(string body)
    {
        var request = JsonSerializer.Deserialize(body == "recorded" ? ChatRequestReaderTests.Recorded : body, ChatJsonContext.Default.ChatRequest)!;

        AssertSameAsSerializer(request);
    }

    [Fact]
    public void Requests_built_in_code_are_written_as_the_serializer_writes_them()
    {
        // Values no JSON body produces but mappers can: a null role, content with neither text nor parts.
        AssertSameAsSerializer(new ChatRequest { Messages = [new ChatMessage { Role = null!, Content = new MessageContent() }] });
        AssertSameAsSerializer(new ChatRequest { Model = "m", Messages = [], Tools = [], Extra = [] });
        var copy = JsonSerializer.Deserialize(ChatRequestReaderTests.ToolConversation, ChatJsonContext.Default.ChatRequest)!.ShallowCopy();
        copy.Model = "upstream-model";
        copy.Switchyard = null;
        copy.StreamOptions = new StreamOptions { IncludeUsage = true };
        AssertSameAsSerializer(copy);
    }

    [Fact]
    public void Mutated_requests_are_written_as_the_serializer_writes_them()
    {
        string[] bases = [ChatRequestReaderTests.Recorded, ChatRequestReaderTests.ShortChat, ChatRequestReaderTests.ToolConversation];
        var random = new Random(20261206);
        var written = 0;
        for (var i = 0; i < 3000; i++)
        {
            var root = JsonNode.Parse(bases[i % bases.Length])!;
            JsonMutations.MutateOnce(root, random);
            ChatRequest? request;
            try { request = JsonSerializer.Deserialize(root.ToJsonString(), ChatJsonContext.Default.ChatRequest); }
            catch (JsonException) { continue; }
            if (request is null) continue;
            AssertSameAsSerializer(request);
            written++;
        }
        Assert.InRange(written, 1500, 3000);
    }

    [Fact]
    public void A_long_request_after_short_ones_is_written_whole_and_the_next_short_one_is_not_polluted()
    {
        var big = new ChatRequest { Model = "m", Messages = [new ChatMessage { Role = "user", Content = MessageContent.FromText(new string('x', 200_000)) }] };
        var small = new ChatRequest { Model = "s" };

        AssertSameAsSerializer(small);
        AssertSameAsSerializer(big);
        AssertSameAsSerializer(small);
    }

    private static void AssertSameAsSerializer(ChatRequest request)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(request, ChatJsonContext.Default.ChatRequest);
        var actual = ChatRequestWriter.ToUtf8Bytes(request);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
    }
}
