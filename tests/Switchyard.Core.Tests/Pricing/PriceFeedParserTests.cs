using Switchyard.Core.Catalog;
using Switchyard.Core.Pricing;
using Switchyard.Core.Tests.Support;

namespace Switchyard.Core.Tests.Pricing;

public class PriceFeedParserTests
{
    private static string Feed(string name) => File.ReadAllText(SharedFiles.PathOf("fixtures/pricing/" + name));

    [Fact]
    public void Reads_openrouter_prices_per_token_strings_as_usd_per_million_through_aliases()
    {
        var feed = PriceFeedParser.Parse(Feed("openrouter-models.json"), PricingTestCatalog.Create());
        Assert.Equal("openrouter", feed.Format);
        Assert.Equal(new ModelPricing(2.5m, 10m, 1.25m), feed.Prices["gpt-4o"]);
        Assert.Equal(new ModelPricing(3m, 15m, 0.3m, 3.75m), feed.Prices["claude-sonnet-4-5"]);
        Assert.Equal(new ModelPricing(1m, 5m, 0.1m, 1.25m), feed.Prices["claude-haiku-4-5"]);
        Assert.False(feed.Prices.ContainsKey("not-in-any-feed"));
        Assert.Equal(4, feed.Prices.Count); // gemini and deepseek entries have no catalog model here
    }

    [Fact]
    public void Reads_litellm_prices_by_exact_key_never_by_a_foreign_prefix()
    {
        var feed = PriceFeedParser.Parse(Feed("litellm-model-prices.json"), PricingTestCatalog.Create());
        Assert.Equal("litellm", feed.Format);
        Assert.Equal(2.5m, feed.Prices["gpt-4o"].InputPerMillion);
        Assert.Equal(10m, feed.Prices["gpt-4o"].OutputPerMillion);
        Assert.Equal(0.15m, feed.Prices["gpt-4o-mini"].InputPerMillion);
        Assert.Equal(3m, feed.Prices["claude-sonnet-4-5"].InputPerMillion);
        Assert.Equal(0.3m, feed.Prices["claude-sonnet-4-5"].CachedInputPerMillion);
    }

    [Fact]
    public void A_broken_feed_throws_so_the_refresh_is_refused()
    {
        var text = Feed("openrouter-models.json");
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => PriceFeedParser.Parse(text[..(text.Length / 2)], PricingTestCatalog.Create()));
        Assert.Throws<FormatException>(() => PriceFeedParser.Parse("[1,2,3]", PricingTestCatalog.Create()));
    }

    [Fact]
    public void Negative_openrouter_prices_mean_variable_pricing_and_are_skipped()
    {
        var json = """{"data":[{"id":"openai/gpt-4o","pricing":{"prompt":"-1","completion":"-1"}}]}""";
        var feed = PriceFeedParser.Parse(json, PricingTestCatalog.Create());
        Assert.Empty(feed.Prices);
        Assert.Single(feed.Problems);
    }
}
