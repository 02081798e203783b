using System.Text;
using static Switchyard.Providers.Tests.Sse.SseTestReads;

namespace Switchyard.Providers.Tests.Sse;

/// <summary>
/// The reader keeps every event's data in one reused buffer: events completed in one read sit back
/// to back, the event still arriving is kept across reads, and the buffer grows mid-read.
/// </summary>
public sealed class SseReusedBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(700)]
    [InlineData(5_000)]
    [InlineData(64 * 1024)]
    public async Task Events_of_every_size_read_in_any_pieces_keep_their_own_data(int readSize)
    {
        // Small and large events mixed, so a read completes several (up to all 40), grows the buffer while doing so and ends inside one.
        var expected = Enumerable.Range(0, 40) // more than one read's first event array holds (16), twice over
            .Select(i => (Name: i % 3 == 0 ? "delta" : null, Data: new string((char)('a' + i), i % 4 == 0 ? 3_000 + i : 10 + i) + "\n" + i))
            .ToList();
        var text = string.Concat(expected.Select(e =>
            (e.Name is null ? "" : $"event: {e.Name}\n") + string.Concat(e.Data.Split('\n').Select(line => $"data: {line}\n")) + "\n"));
        var bytes = Encoding.UTF8.GetBytes(text);

        var events = await ReadAllAsync(new PacedStream(bytes, readSize));

        Assert.Equal(expected.Select(e => ((string?)e.Name, e.Data)), events);
    }

    [Fact]
    public async Task An_event_whose_data_is_empty_is_still_an_event_and_does_not_touch_its_neighbours()
    {
        var events = await ReadAllAsync("data: one\n\ndata:\n\ndata: three\n\n");

        Assert.Equal([(null, "one"), (null, ""), (null, "three")], events);
    }
}
