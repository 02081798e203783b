using static Switchyard.Providers.Tests.Sse.SseTestReads;

namespace Switchyard.Providers.Tests.Sse;

public sealed class SseReaderTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Lines_may_end_in_lf_crlf_or_a_lone_cr(string eol)
    {
        var text = $"data: one{eol}{eol}event: ping{eol}data: two{eol}{eol}data: [DONE]{eol}{eol}";

        var events = await ReadAllAsync(text);

        Assert.Equal([(null, "one"), ("ping", "two"), (null, "[DONE]")], events);
    }

    [Fact]
    public async Task Line_endings_may_be_mixed_in_one_stream()
    {
        var events = await ReadAllAsync("data: a\r\n\ndata: b\r\rdata: c\n\r\n");

        Assert.Equal([(null, "a"), (null, "b"), (null, "c")], events);
    }

    [Fact]
    public async Task Several_data_lines_are_joined_with_lf()
    {
        var events = await ReadAllAsync("data: {\ndata:   \"a\": 1\ndata: }\n\n");

        Assert.Equal("{\n  \"a\": 1\n}", Assert.Single(events).Data);
    }

    [Fact]
    public async Task Comments_and_unused_fields_are_ignored()
    {
        var events = await ReadAllAsync(": OPENROUTER PROCESSING\n\nid: 7\nretry: 1000\n: keep-alive\ndata: x\n\n:\n\n");

        Assert.Equal([(null, "x")], events);
    }

    [Fact]
    public async Task Event_names_are_read_and_do_not_carry_over_to_the_next_event()
    {
        var events = await ReadAllAsync("event: message_start\ndata: 1\n\nevent: response.output_text.delta\ndata: 2\n\ndata: 3\n\n");

        Assert.Equal([("message_start", "1"), ("response.output_text.delta", "2"), (null, "3")], events);
    }

    [Fact]
    public async Task An_event_without_data_is_not_dispatched_and_its_name_is_forgotten()
    {
        var events = await ReadAllAsync("event: ping\n\ndata: x\n\n");

        Assert.Equal([(null, "x")], events);
    }

    [Theory]
    [InlineData("data:x\n\n", "x")]
    [InlineData("data:  x\n\n", " x")]
    [InlineData("data: x \n\n", "x ")]
    [InlineData("data\n\n", "")]
    [InlineData("data:\ndata:\n\n", "\n")]
    public async Task Only_one_space_after_the_colon_is_removed(string text, string data)
    {
        var events = await ReadAllAsync(text);

        Assert.Equal(data, Assert.Single(events).Data);
    }

    [Fact]
    public async Task A_last_event_without_its_blank_line_is_dispatched_at_the_end_of_the_stream()
    {
        var events = await ReadAllAsync("data: a\n\ndata: [DONE]\n");

        Assert.Equal([(null, "a"), (null, "[DONE]")], events);
    }

    [Fact]
    public async Task An_unterminated_last_line_is_dropped()
    {
        var events = await ReadAllAsync("data: a\n\ndata: {\"partial\":");

        Assert.Equal([(null, "a")], events);
    }

    [Fact]
    public async Task An_empty_body_has_no_events()
    {
        Assert.Empty(await ReadAllAsync(""));
    }

    [Fact]
    public async Task The_reader_leaves_the_body_open()
    {
        var body = new MemoryStream("data: a\n\n"u8.ToArray());

        await ReadAllAsync(body);

        Assert.True(body.CanRead);
    }
}
