using Switchyard.Core.Tokens;

namespace Switchyard.Core.Tests.Tokens;

/// <summary>Counting the same long string again (exact, then as the estimate) answers what counting it fresh answers.</summary>
public sealed class RecentCountsTests
{
    [Fact]
    public void A_long_string_counted_again_gives_the_same_count_as_a_fresh_copy()
    {
        var text = TokenReference.Get("long-text").Text;
        Assert.True(text.Length >= 256);
        var first = TiktokenEncoder.O200kBase.Count(text);
        Assert.Equal(first, TiktokenEncoder.O200kBase.Count(text));
        Assert.Equal(first, TiktokenEncoder.O200kBase.Count(new string(text.AsSpan()))); // another instance: counted, not looked up
        Assert.Equal(EstimatingTokenCounter.Estimate(first), EstimatingTokenCounter.Instance.Count(text));
    }

    [Fact]
    public void Strings_of_equal_length_but_other_content_never_share_a_count()
    {
        // Keyed by instance, never by length or hash: five distinct texts cycle through the four slots.
        var texts = Enumerable.Range(0, 5).Select(i => string.Concat(Enumerable.Repeat(i % 2 == 0 ? "alpha beta " : "x", 300))).ToArray();
        var expected = texts.Select(t => TiktokenEncoder.O200kBase.Count(t.AsSpan())).ToArray();
        for (var round = 0; round < 3; round++)
            for (var i = 0; i < texts.Length; i++)
                Assert.Equal(expected[i], TiktokenEncoder.O200kBase.Count(texts[i]));
        Assert.Equal(TiktokenEncoder.Cl100kBase.Count(texts[0].AsSpan()), TiktokenEncoder.Cl100kBase.Count(texts[0]));
    }
}
