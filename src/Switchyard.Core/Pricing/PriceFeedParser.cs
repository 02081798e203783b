using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Pricing;

/// <summary>What a price feed said, mapped onto catalog ids.</summary>
/// <param name="Format">"openrouter" or "litellm".</param>
/// <param name="Prices">Catalog id → the feed's price for it.</param>
/// <param name="Problems">Entries that could not be read (kept for the warning; they do not fail the refresh alone).</param>
public sealed record PriceFeed(string Format, IReadOnlyDictionary<string, ModelPricing> Prices, IReadOnlyList<string> Problems);

/// <summary>
/// Reads the two price-feed formats in use: OpenRouter's GET /api/v1/models ({"data":[{"id",
/// "pricing":{"prompt","completion","input_cache_read","input_cache_write","request"}}]}, USD per
/// token as strings) and LiteLLM's model_prices_and_context_window.json ({"model":
/// {"input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
/// "cache_creation_input_token_cost"}}, USD per token as numbers). Feed names are mapped onto
/// catalog ids through the catalog's ids and aliases only: "azure/gpt-4o" is not "gpt-4o".
/// </summary>
public static class PriceFeedParser
{
    public static PriceFeed Parse(string json, ModelCatalog catalog)
    {
        using var doc = JsonDocument.Parse(json); // throws JsonException on a broken or truncated feed
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("a price feed must be a JSON object");
        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? ParseOpenRouter(data, catalog)
            : ParseLiteLlm(root, catalog);
    }

    private static PriceFeed ParseOpenRouter(JsonElement data, ModelCatalog catalog)
    {
        var prices = new Dictionary<string, ModelPricing>(StringComparer.Ordinal);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var item in data.EnumerateArray())
        {
            var id = Text(item, "id");
            if (id is null || !item.TryGetProperty("pricing", out var pricing)) continue;
            var model = catalog.Find(id) ?? (Text(item, "canonical_slug") is { } slug ? catalog.Find(slug) : null);
            if (model is null) continue;
            var input = PerMillion(pricing, "prompt");
            var output = PerMillion(pricing, "completion");
            if (input is null || output is null) { problems.Add($"{id}: no prompt/completion price"); continue; }
            if (input < 0 || output < 0) { problems.Add($"{id}: variable pricing (negative) is not a price"); continue; }
            var price = new ModelPricing(input.Value, output.Value, NonZero(PerMillion(pricing, "input_cache_read")),
                NonZero(PerMillion(pricing, "input_cache_write")), NonZero(PerRequest(pricing, "request")));
            Add(prices, exact, model, id, price);
        }
        return new PriceFeed("openrouter", prices, problems);
    }

    private static PriceFeed ParseLiteLlm(JsonElement root, ModelCatalog catalog)
    {
        var prices = new Dictionary<string, ModelPricing>(StringComparer.Ordinal);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object || catalog.Find(entry.Name) is not { } model) continue;
            var input = Number(entry.Value, "input_cost_per_token");
            var output = Number(entry.Value, "output_cost_per_token");
            if (input is null || output is null) { problems.Add($"{entry.Name}: no input/output price"); continue; }
            var price = new ModelPricing(input.Value * 1_000_000m, output.Value * 1_000_000m,
                NonZero(Number(entry.Value, "cache_read_input_token_cost") * 1_000_000m),
                NonZero(Number(entry.Value, "cache_creation_input_token_cost") * 1_000_000m),
                null);
            Add(prices, exact, model, entry.Name, price);
        }
        return new PriceFeed("litellm", prices, problems);
    }

    /// <summary>An entry named exactly like the catalog id wins over one that reached it through an alias.</summary>
    private static void Add(Dictionary<string, ModelPricing> prices, HashSet<string> exact, CatalogModel model, string feedName, ModelPricing price)
    {
        var isExact = string.Equals(feedName, model.Id, StringComparison.OrdinalIgnoreCase);
        if (exact.Contains(model.Id) && !isExact) return;
        if (!isExact && prices.ContainsKey(model.Id)) return; // first alias wins
        prices[model.Id] = price;
        if (isExact) exact.Add(model.Id);
    }

    /// <summary>Feeds write 0 for a cache or request price that does not apply; 0 would make those tokens free.</summary>
    private static decimal? NonZero(decimal? value) => value is 0m ? null : value;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;

    /// <summary>OpenRouter writes USD per token as a string ("0.0000025").</summary>
    private static decimal? PerMillion(JsonElement pricing, string name) => PerRequest(pricing, name) * 1_000_000m;

    private static decimal? PerRequest(JsonElement pricing, string name) =>
        Text(pricing, name) is { } s && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
