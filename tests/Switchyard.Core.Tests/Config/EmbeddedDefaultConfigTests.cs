using Switchyard.Core.Config;

namespace Switchyard.Core.Tests.Config;

public class EmbeddedDefaultConfigTests
{
    [Fact]
    public void Without_keys_simulates_all_three_wire_formats_with_an_auto_route()
    {
        var config = EmbeddedDefaultConfig.Build(_ => null, out var simulated);
        Assert.True(simulated);
        Assert.Equal(["anthropic", "gemini", "openai"], config.Providers.Values.Select(p => p.Kind!).Order());
        Assert.All(config.Providers.Values, p => Assert.Equal("simulator", p.BaseUrl));
        var auto = config.Routes["auto"].Models;
        Assert.Equal(6, auto.Count);
        Assert.Equal("gpt-4.1-mini", auto[0]); // cheapest list price (input + output) first
        Assert.Equal("claude-sonnet-4-5", auto[^1]);
    }

    [Fact]
    public void With_a_key_uses_only_the_real_provider_and_its_base_url_variable()
    {
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "k", ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:5000" };
        var config = EmbeddedDefaultConfig.Build(env.GetValueOrDefault, out var simulated);
        Assert.False(simulated);
        var provider = Assert.Single(config.Providers);
        Assert.Equal("anthropic", provider.Key);
        Assert.Equal("http://127.0.0.1:5000", provider.Value.BaseUrl);
        var snapshot = new ConfigValidator(env.GetValueOrDefault, null, Switchyard.Core.Catalog.CatalogLoader.LoadBuiltin()).Validate(config, "default");
        var sonnet = snapshot.Routes["claude-sonnet-4-5"].Deployments[0];
        Assert.Equal("k", sonnet.Provider.ApiKey);
        Assert.Null(sonnet.PriceOverride); // catalog and live prices apply
        Assert.Equal(3m, sonnet.Model.Price.InputPerMillion);
        Assert.Equal(64000, sonnet.MaxOutputTokens);
    }
}
