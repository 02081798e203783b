using System.Text.Json;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Tests.Catalog;

/// <summary>
/// Compares the catalog with LiteLLM's price table (copy in shared/fixtures/pricing): wherever a catalog
/// name is a key there, the input / output prices and the output limit must agree, unless listed below.
/// </summary>
public class LiteLlmSpotCheckTests
{
    /// <summary>Deliberate differences from the LiteLLM copy of 2026-07-24, each with the reason.</summary>
    private static readonly Dictionary<string, string> Exceptions = new()
    {
        ["deepseek-v4-pro"] = "the catalog carries DeepSeek's list price for V4-Pro ($1.74 / $3.48 per 1M) and its documented 384K output; the LiteLLM copy has a quarter of that price and an 8K output limit",
    };

    [Fact]
    public void Prices_and_output_limits_equal_the_litellm_table()
    {
        using var table = JsonDocument.Parse(File.ReadAllText(CatalogFixtureFiles.PathOf("pricing/litellm-model-prices.json")));
        var compared = 0;
        foreach (var model in CatalogLoader.LoadBuiltin().Models)
        {
            foreach (var name in model.Aliases.Prepend(model.Id))
            {
                if (!table.RootElement.TryGetProperty(name, out var entry)) continue;
                if (Exceptions.ContainsKey(name)) continue;
                compared++;
                AssertPrice(name, "input", entry, "input_cost_per_token", model.Price.InputPerMillion);
                AssertPrice(name, "output", entry, "output_cost_per_token", model.Price.OutputPerMillion);
                Assert.True(entry.GetProperty("max_output_tokens").GetInt32() == model.MaxOutputTokens,
                    $"{name}: max output {model.MaxOutputTokens} in the catalog, {entry.GetProperty("max_output_tokens").GetInt32()} in LiteLLM");
            }
        }
        Assert.True(compared >= 30, $"only {compared} catalog names were found in the LiteLLM table");
    }

    [Fact]
    public void Every_exception_names_a_catalog_model_that_is_in_the_litellm_table()
    {
        using var table = JsonDocument.Parse(File.ReadAllText(CatalogFixtureFiles.PathOf("pricing/litellm-model-prices.json")));
        var catalog = CatalogLoader.LoadBuiltin();
        foreach (var name in Exceptions.Keys)
        {
            Assert.NotNull(catalog.Find(name));
            Assert.True(table.RootElement.TryGetProperty(name, out _), $"{name} is not in the LiteLLM table: drop the exception");
        }
    }

    private static void AssertPrice(string name, string what, JsonElement entry, string field, decimal catalogPerMillion)
    {
        var perMillion = entry.GetProperty(field).GetDouble() * 1_000_000;
        Assert.True(Math.Abs(perMillion - (double)catalogPerMillion) < 1e-6,
            $"{name}: {what} ${catalogPerMillion}/1M in the catalog, ${perMillion}/1M in LiteLLM");
    }
}
