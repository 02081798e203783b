using Switchyard.Core.Tokens;

namespace Switchyard.Core.Tests.Tokens;

public sealed class EstimatingTokenCounterTests
{
    private static readonly EstimatingTokenCounter Estimate = EstimatingTokenCounter.Instance;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(5, 7)]
    [InlineData(100, 125)]
    [InlineData(101, 127)]
    public void Rule_is_the_o200k_count_plus_a_quarter_rounded_up(int o200k, int expected) =>
        Assert.Equal(expected, EstimatingTokenCounter.Estimate(o200k));

    [Fact]
    public void Counts_text_by_the_rule()
    {
        foreach (var c in TokenReference.Cases)
            Assert.Equal((int)Math.Ceiling(c.O200k.Length * 1.25), Estimate.Count(c.Text));
    }

    [Fact]
    public void Empty_and_null_are_zero()
    {
        Assert.Equal(0, Estimate.Count(""));
        Assert.Equal(0, Estimate.Count((string?)null));
        Assert.False(Estimate.IsExact);
        Assert.Equal("estimate", Estimate.Name);
    }

    [Fact]
    public void Never_below_either_exact_count_on_ordinary_text()
    {
        // The estimate errs high: on prose, code and JSON it is at least the o200k_base and cl100k_base counts.
        foreach (var name in new[] { "ascii-prose", "python", "csharp", "json", "long-text" })
        {
            var c = TokenReference.Get(name);
            Assert.True(Estimate.Count(c.Text) >= c.O200k.Length, name);
            Assert.True(Estimate.Count(c.Text) >= c.Cl100k.Length, name);
        }
    }

    [Fact]
    public void A_characters_per_token_rule_would_miss_code_and_runs()
    {
        // Why the estimate uses a real tokenizer (see its remarks): chars/4 is far off in both directions.
        static int CharsOver4(string text) => (text.Length + 3) / 4;
        var python = TokenReference.Get("python");
        var letters = TokenReference.Get("long-letters");
        Assert.True(CharsOver4(python.Text) < python.O200k.Length * 0.7);
        Assert.True(CharsOver4(letters.Text) > letters.O200k.Length * 1.9);
    }
}
