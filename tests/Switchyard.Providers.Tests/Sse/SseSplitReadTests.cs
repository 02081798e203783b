using System.Text;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Sse.SseTestReads;

namespace Switchyard.Providers.Tests.Sse;

/// <summary>Events arrive in pieces of any size; the result must not depend on where the pieces end.</summary>
public sealed class SseSplitReadTests
{
    public static TheoryData<string, int> FixturesAndPaces()
    {
        var data = new TheoryData<string, int>();
        foreach (var fixture in new[] { "openai/chat-stream.sse", "openai/chat-stream-tool-calls.sse", "anthropic/messages-stream.sse", "gemini/stream-alt-sse.sse" })
            for (var size = 1; size <= 7; size++)
                data.Add(fixture, size);
        return data;
    }

    [Theory]
    [MemberData(nameof(FixturesAndPaces))]
    public async Task A_recorded_stream_read_a_few_bytes_at_a_time_yields_the_same_events(string fixture, int maxReadSize)
    {
        var bytes = FixtureFiles.Bytes(fixture);
        var expected = await ReadAllAsync(new MemoryStream(bytes));
        var paced = new PacedStream(bytes, [.. Enumerable.Range(1, maxReadSize).Reverse()]);

        var events = await ReadAllAsync(paced);

        Assert.True(paced.Reads >= bytes.Length / maxReadSize, "the stream was not read in small pieces");
        Assert.Equal(expected, events);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task An_event_split_into_two_reads_at_every_byte_position_yields_the_same_events(string eol)
    {
        var text = $": hi{eol}event: delta{eol}data: {{\"t\":\"h\u00e9llo \U0001F600\"}}{eol}data: 2{eol}{eol}data: [DONE]{eol}{eol}";
        var bytes = Encoding.UTF8.GetBytes(text);
        List<(string?, string)> expected = [("delta", "{\"t\":\"h\u00e9llo \U0001F600\"}\n2"), (null, "[DONE]")];

        for (var split = 1; split < bytes.Length; split++)
        {
            var events = await ReadAllAsync(new PacedStream(bytes, split, bytes.Length));

            Assert.True(expected.SequenceEqual(events), $"split at byte {split}: {string.Join(" | ", events)}");
        }
    }
}
