using System.Text.Json.Nodes;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Sse.SseTestReads;

namespace Switchyard.Providers.Tests.Sse;

public sealed class SseRecordedStreamTests
{
    [Fact]
    public async Task The_gemini_crlf_stream_yields_its_three_events()
    {
        Assert.Contains("\r\n\r\n", FixtureFiles.Text("gemini/stream-alt-sse.sse")); // the fixture really is CRLF

        var events = await ReadAllAsync(new MemoryStream(FixtureFiles.Bytes("gemini/stream-alt-sse.sse")));

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Null(e.Event));
        Assert.All(events, e => Assert.DoesNotContain('\r', e.Data));
        var texts = events.Select(e => (string?)JsonNode.Parse(e.Data)!["candidates"]![0]!["content"]!["parts"]![0]!["text"]).ToList();
        Assert.Equal("The", texts[0]);
        Assert.Equal(" sky is blue", texts[1]);
    }

    [Fact]
    public async Task The_openai_stream_yields_one_event_per_data_line()
    {
        var events = await ReadAllAsync(new MemoryStream(FixtureFiles.Bytes("openai/chat-stream.sse")));

        var lines = FixtureFiles.Text("openai/chat-stream.sse").Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]);
        Assert.Equal(lines, events.Select(e => e.Data));
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task The_anthropic_stream_yields_named_events_matching_their_payload_type()
    {
        var events = await ReadAllAsync(new MemoryStream(FixtureFiles.Bytes("anthropic/messages-stream.sse")));

        Assert.Equal("message_start", events[0].Event);
        Assert.Equal("message_stop", events[^1].Event);
        Assert.All(events, e => Assert.Equal(e.Event, (string?)JsonNode.Parse(e.Data)!["type"]));
    }
}
