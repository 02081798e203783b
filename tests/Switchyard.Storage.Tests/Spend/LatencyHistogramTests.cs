using Switchyard.Storage.Spend;

namespace Switchyard.Storage.Tests.Spend;

public class LatencyHistogramTests
{
    private static LatencyHistogram Of(params (int Bucket, long Count)[] pairs)
    {
        var histogram = new LatencyHistogram();
        foreach (var (bucket, count) in pairs) histogram.Add(bucket, count);
        return histogram;
    }

    [Fact]
    public void Format_writes_buckets_ascending()
    {
        Assert.Equal("0:2,7:1,140:3", Of((140, 3), (0, 2), (7, 1)).Format());
        Assert.Equal("", new LatencyHistogram().Format());
    }

    [Theory]
    [InlineData("", "3:1,9:2")] // nothing stored yet
    [InlineData("1:5", "1:5,3:1,9:2")] // ours after the stored ones
    [InlineData("20:5", "3:1,9:2,20:5")] // ours before
    [InlineData("3:4,5:1,9:998,12:7", "3:5,5:1,9:1000,12:7")] // shared buckets add up; a count gains a digit
    [InlineData("2:1,4:1,10:1,11:1", "2:1,3:1,4:1,9:2,10:1,11:1")] // interleaved
    public void Merged_adds_the_counts_to_a_stored_histogram(string stored, string expected)
    {
        var added = Of((9, 2), (3, 1));
        Assert.Equal(expected, added.Merged(stored));
        Assert.Equal(expected, Slow(stored, added)); // the same as parsing, adding and formatting
    }

    [Theory]
    [InlineData("9:1,3:4")] // descending: the migration's aggregate does not promise an order
    [InlineData("3:4,3:1,9:1")] // a bucket twice
    public void Merged_text_that_is_not_in_order_gives_the_same_as_parsing_it(string stored)
    {
        var added = Of((9, 2), (3, 1), (100, 1));
        Assert.Equal(Slow(stored, added), added.Merged(stored));
    }

    [Fact]
    public void Merged_matches_parse_add_format_on_random_histograms()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var stored = Of([.. Enumerable.Range(0, random.Next(0, 120)).Select(_ => (random.Next(0, 300), (long)random.Next(1, 100_000)))]);
            var added = Of([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (random.Next(0, 300), (long)random.Next(1, 5_000)))]);
            var text = stored.Format();
            Assert.Equal(Slow(text, added), added.Merged(text));
        }
    }

    [Fact]
    public void Merged_counts_keep_their_quantiles()
    {
        var stored = Of((10, 90), (50, 10)).Format();
        var merged = new LatencyHistogram();
        merged.Add(Of((50, 100)).Merged(stored).AsSpan());
        Assert.Equal(LatencyBuckets.ValueOf(10), merged.Quantile(0.45));
        Assert.Equal(LatencyBuckets.ValueOf(50), merged.Quantile(0.5));
    }

    private static string Slow(string stored, LatencyHistogram added)
    {
        var copy = new LatencyHistogram();
        copy.Add(stored.AsSpan());
        copy.Add(added);
        return copy.Format();
    }
}
