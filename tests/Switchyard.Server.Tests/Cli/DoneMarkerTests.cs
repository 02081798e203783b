using System.Text;
using Switchyard.Cli.Bench;

namespace Switchyard.Server.Tests.Cli;

/// <summary>The load harness sees a stream's [DONE] however TCP splits the bytes, and never sees one that is not there.</summary>
public class DoneMarkerTests
{
    private const string Stream = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n";

    [Fact]
    public void Every_split_of_a_complete_stream_finds_the_marker()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var a = 0; a <= bytes.Length; a++)
            for (var b = a; b <= bytes.Length; b++)
            {
                var marker = new DoneMarker();
                marker.Feed(bytes.AsSpan(0, a));
                marker.Feed(bytes.AsSpan(a, b - a));
                marker.Feed(bytes.AsSpan(b));
                Assert.True(marker.Seen, $"split at {a} and {b}");
            }
    }

    [Theory]
    [InlineData("data: [DO", "data: NE]")]
    [InlineData("data: {\"x\":1}\n\n", "data: [DONE")]
    [InlineData("[DON", "E", "]")]
    public void Pieces_count_only_when_they_spell_it_in_a_row(params string[] reads)
    {
        var marker = new DoneMarker();
        foreach (var read in reads) marker.Feed(Encoding.UTF8.GetBytes(read));
        Assert.Equal(string.Concat(reads).Contains("[DONE]"), marker.Seen);
    }
}
