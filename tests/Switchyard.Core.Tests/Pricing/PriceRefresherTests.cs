using Switchyard.Core.Catalog;
using Switchyard.Core.Pricing;
using Switchyard.Core.Tests.Support;

namespace Switchyard.Core.Tests.Pricing;

public class PriceRefresherTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("switchyard-prices-").FullName;
    private readonly ModelCatalog catalog = PricingTestCatalog.Create();
    private readonly PriceBook book = new();

    private PriceRefresher Refresher() => new(book, catalog, new LastGoodPriceStore(dir), new HttpClient(), TimeProvider.System);

    private string WriteFeed(string json)
    {
        var path = Path.Combine(dir, Guid.NewGuid() + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task A_good_refresh_applies_lists_changes_and_is_kept_on_disk()
    {
        var result = await Refresher().RefreshAsync(SharedFiles.PathOf("fixtures/pricing/openrouter-models.json"), TestContext.Current.CancellationToken);

        Assert.True(result.Applied, string.Join("; ", result.Problems));
        Assert.Equal(2.5m, book.For(catalog.Find("gpt-4o")!).InputPerMillion); // catalog said 5
        Assert.Contains(result.Changes, c => c.ModelId == "gpt-4o" && c.Before.InputPerMillion == 5m && c.After.InputPerMillion == 2.5m);
        Assert.Equal(1m, book.For(catalog.Find("not-in-any-feed")!).InputPerMillion); // untouched: the catalog's

        var fresh = new PriceBook();
        Assert.Equal(4, new PriceRefresher(fresh, catalog, new LastGoodPriceStore(dir), new HttpClient(), TimeProvider.System).LoadLastGood());
        Assert.Equal(2.5m, fresh.For(catalog.Find("gpt-4o")!).InputPerMillion);
    }

    [Theory]
    [InlineData("""{"data":[{"id":"openai/gpt-4o","pricing":{"prompt":"0","completion":"0.00001"}}]}""", "dropped to zero")]
    [InlineData("""{"data":[{"id":"openai/gpt-4o","pricing":{"prompt":"0.001","completion":"0.00002"}}]}""", "100x")]
    [InlineData("""{"data":[{"id":"openai/gpt-4o","pricing":{"prompt":"0.00000000001","completion":"0.00002"}}]}""", "100x")]
    [InlineData("""{"data":[{"id":"someone/else","pricing":{"prompt":"0.001","completion":"0.002"}}]}""", "names no model")]
    [InlineData("""{"data":[{"id":"openai/gpt-4o","pricing":""", "not a price feed")]
    public async Task A_bad_refresh_changes_nothing_and_says_why(string feed, string reason)
    {
        var result = await Refresher().RefreshAsync(WriteFeed(feed), TestContext.Current.CancellationToken);
        Assert.False(result.Applied);
        Assert.Contains(result.Problems, p => p.Contains(reason));
        Assert.Equal(5m, book.For(catalog.Find("gpt-4o")!).InputPerMillion);
        Assert.False(File.Exists(Path.Combine(dir, "prices.json")));
    }

    [Fact]
    public async Task A_feed_that_covers_far_fewer_models_than_the_last_good_one_is_partial()
    {
        var refresher = Refresher();
        Assert.True((await refresher.RefreshAsync(SharedFiles.PathOf("fixtures/pricing/openrouter-models.json"), TestContext.Current.CancellationToken)).Applied);
        var partial = """{"data":[{"id":"openai/gpt-4o","pricing":{"prompt":"0.0000025","completion":"0.00001"}}]}""";
        var result = await refresher.RefreshAsync(WriteFeed(partial), TestContext.Current.CancellationToken);
        Assert.False(result.Applied);
        Assert.Contains(result.Problems, p => p.Contains("partial"));
        Assert.Equal(3m, book.For(catalog.Find("claude-sonnet-4-5")!).InputPerMillion);
    }

    [Fact]
    public async Task An_unreachable_source_is_refused_not_thrown()
    {
        var result = await Refresher().RefreshAsync("http://127.0.0.1:1/prices.json", TestContext.Current.CancellationToken);
        Assert.False(result.Applied);
        Assert.Contains("could not read", result.Problems[0]);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
