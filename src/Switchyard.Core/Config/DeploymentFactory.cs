using System.Collections.Frozen;
using Switchyard.Core.Catalog;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Config;

/// <summary>
/// Builds one <see cref="Deployment"/> from its config entry and the catalog: the catalog supplies
/// prices, limits, capabilities, tags and tiers; the deployment may override any of them. A model
/// outside the catalog must state its prices (0 for self-hosted): a missing price is never free.
/// </summary>
public sealed class DeploymentFactory(ModelCatalog catalog)
{
    public const int DefaultContextWindow = 128_000;
    public const int DefaultMaxOutputTokens = 4096;
    public const int DefaultTier = 3;

    public Deployment? Build(string publicName, DeploymentConfig d, ProviderEndpoint endpoint, bool simulated, string path, List<string> problems)
    {
        var before = problems.Count;
        var upstream = d.Model ?? publicName;
        var entry = d.CatalogId is { } id ? catalog.Find(id) : catalog.Find(publicName) ?? catalog.Find(upstream);
        if (d.CatalogId is not null && entry is null) problems.Add($"{path}.catalog_id: '{d.CatalogId}' is not in the catalog");
        if (d.ContextWindow is <= 0) problems.Add($"{path}.context_window: must be positive");
        if (d.MaxOutputTokens is <= 0) problems.Add($"{path}.max_output_tokens: must be positive");
        if (d.Tier is < 1 or > 5) problems.Add($"{path}.tier: must be 1-5");
        if (new[] { d.InputPricePerMillion, d.OutputPricePerMillion, d.CachedInputPricePerMillion, d.CacheWritePricePerMillion, d.PricePerRequest }.Any(p => p < 0))
            problems.Add($"{path}: prices must not be negative");
        var capabilities = ParseCapabilities(d.Capabilities, path, problems);

        var overridePrice = PriceOverride(d, entry);
        if (entry is null && overridePrice is null && d.CatalogId is null)
            problems.Add($"{path}: '{upstream}' is not in the catalog, so input_price_per_million and output_price_per_million are required (0 for a self-hosted model)");
        if (problems.Count > before) return null;

        var model = Merge(entry, publicName, d, capabilities, overridePrice!);
        return new Deployment($"{endpoint.Name}/{upstream}", publicName, endpoint, upstream, model, overridePrice, simulated);
    }

    /// <summary>The deployment's own prices, completed from the catalog for fields it left out; null when it set none.</summary>
    private static ModelPricing? PriceOverride(DeploymentConfig d, CatalogModel? entry)
    {
        if (d.InputPricePerMillion is null && d.OutputPricePerMillion is null && d.CachedInputPricePerMillion is null
            && d.CacheWritePricePerMillion is null && d.PricePerRequest is null)
            return null;
        var basePrice = entry?.Price;
        if (basePrice is null && (d.InputPricePerMillion is null || d.OutputPricePerMillion is null)) return null;
        return new ModelPricing(
            d.InputPricePerMillion ?? basePrice!.InputPerMillion,
            d.OutputPricePerMillion ?? basePrice!.OutputPerMillion,
            d.CachedInputPricePerMillion ?? basePrice?.CachedInputPerMillion,
            d.CacheWritePricePerMillion ?? basePrice?.CacheWritePerMillion,
            d.PricePerRequest ?? basePrice?.PerRequest);
    }

    private static CatalogModel Merge(CatalogModel? entry, string publicName, DeploymentConfig d, ModelCapabilities? capabilities, ModelPricing price)
    {
        var tags = (entry?.Tags ?? FrozenSet<string>.Empty).Concat(d.Tags ?? []).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        if (entry is null)
            return new CatalogModel(publicName, "self-declared", [], price, d.ContextWindow ?? DefaultContextWindow,
                d.MaxOutputTokens ?? DefaultMaxOutputTokens, capabilities ?? ModelCapabilities.None, tags, "estimate",
                d.Tier ?? DefaultTier, new Dictionary<TaskClass, TaskTier>());
        return entry with
        {
            ContextWindow = d.ContextWindow ?? entry.ContextWindow,
            MaxOutputTokens = d.MaxOutputTokens ?? entry.MaxOutputTokens,
            Capabilities = capabilities ?? entry.Capabilities,
            Tags = tags,
            OverallTier = d.Tier ?? entry.OverallTier,
        };
    }

    private static ModelCapabilities? ParseCapabilities(List<string>? names, string path, List<string> problems)
    {
        if (names is null) return null;
        var result = ModelCapabilities.None;
        foreach (var name in names)
        {
            if (CapabilityNames.TryParse(name, out var flag)) result |= flag;
            else problems.Add($"{path}.capabilities: unknown capability '{name}' (tools, vision, json_schema, reasoning)");
        }
        return result;
    }
}
