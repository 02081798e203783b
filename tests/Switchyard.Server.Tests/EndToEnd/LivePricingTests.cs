using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Pricing;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>
/// Live prices: a gateway whose catalog prices differ from the recorded feeds refreshes from a
/// loopback server serving those feeds, and the next request is costed at the feed's price; a
/// bad refresh changes nothing.
/// </summary>
public class LivePricingTests
{
    private static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "fixtures", "pricing", name);
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException(name);
    }

    /// <summary>Catalog prices deliberately far (but less than 100x) from the feeds' real ones.</summary>
    private static ModelCatalog StaleCatalog(ModelCatalog real) => new(
        real.Models.Select(m => m.Id is "gpt-4o-mini" or "claude-haiku-4-5" or "gemini-2.5-flash"
            ? m with { Price = new ModelPricing(m.Price.InputPerMillion * 3, m.Price.OutputPerMillion * 3) } : m).ToList(),
        real.Sources);

    [Theory]
    [InlineData("openrouter-models.json", "gpt-4o-mini", 0.15, 0.60)]
    [InlineData("openrouter-models.json", "claude-haiku-4-5", 1.00, 5.00)]
    [InlineData("litellm-model-prices.json", "gemini-2.5-flash", 0.30, 2.50)]
    public async Task A_refresh_changes_the_next_requests_cost_and_a_bad_one_changes_nothing(string feed, string model, double input, double output)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var feeds = await StaticFileServer.StartAsync(new Dictionary<string, string>
        {
            ["/feed.json"] = Fixture(feed),
            ["/broken.json"] = Fixture(feed)[..1000],
        });
        var dataDir = Directory.CreateTempSubdirectory("switchyard-pricing-").FullName;
        var yaml = $$"""
            server: { data_dir: "{{dataDir}}" }
            providers:
              sim-openai: { kind: openai, base_url: simulator }
              sim-anthropic: { kind: anthropic, base_url: simulator }
              sim-gemini: { kind: gemini, base_url: simulator }
            models:
              gpt-4o-mini: { deployments: [{ provider: sim-openai }] }
              claude-haiku-4-5: { deployments: [{ provider: sim-anthropic }] }
              gemini-2.5-flash: { deployments: [{ provider: sim-gemini }] }
            """;
        var catalog = StaleCatalog(CatalogLoader.LoadBuiltin());
        var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(ConfigLoader.Parse(yaml, "pricing test"), "pricing test")
        {
            Urls = "http://127.0.0.1:0",
            Catalog = catalog,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, ct);
        try
        {
            var chat = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential("x"), new OpenAI.OpenAIClientOptions { Endpoint = gateway.OpenAIBaseUrl }).GetChatClient(model);
            var stale = catalog.Find(model)!.Price;
            Assert.Equal(Cost(await chat.CompleteChatAsync([new UserChatMessage("price me")], cancellationToken: ct), stale.InputPerMillion, stale.OutputPerMillion), Cost(await chat.CompleteChatAsync([new UserChatMessage("price me")], cancellationToken: ct)));

            var refresher = gateway.Services.GetRequiredService<PriceRefresher>();
            var applied = await refresher.RefreshAsync(new Uri(feeds.BaseAddress, "/feed.json").ToString(), ct);
            Assert.True(applied.Applied, string.Join("; ", applied.Problems));
            Assert.Contains(applied.Changes, c => c.ModelId == model);

            var after = await chat.CompleteChatAsync([new UserChatMessage("price me")], cancellationToken: ct);
            Assert.Equal(Cost(after, (decimal)input, (decimal)output), Cost(after));

            var refused = await refresher.RefreshAsync(new Uri(feeds.BaseAddress, "/broken.json").ToString(), ct);
            Assert.False(refused.Applied);
            var still = await chat.CompleteChatAsync([new UserChatMessage("price me")], cancellationToken: ct);
            Assert.Equal(Cost(still, (decimal)input, (decimal)output), Cost(still));
            Assert.True(File.Exists(Path.Combine(dataDir, "prices.json")), "the good refresh is kept as the last good table");
        }
        finally
        {
            await gateway.DisposeAsync(); // first: it flushes the request log into dataDir
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static decimal Cost(System.ClientModel.ClientResult<ChatCompletion> result) =>
        decimal.Parse(ResponseHeaders.Get(result, "x-switchyard-cost-usd")!, CultureInfo.InvariantCulture);

    private static decimal Cost(System.ClientModel.ClientResult<ChatCompletion> result, decimal input, decimal output) =>
        (result.Value.Usage.InputTokenCount * input + result.Value.Usage.OutputTokenCount * output) / 1_000_000m;
}
