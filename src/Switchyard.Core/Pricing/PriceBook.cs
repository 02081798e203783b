using System.Collections.Frozen;
using Switchyard.Core.Catalog;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Pricing;

/// <summary>A validated set of live prices by catalog id, from one refresh.</summary>
public sealed record LivePrices(FrozenDictionary<string, ModelPricing> Prices, string Source, DateTimeOffset FetchedAt)
{
    public static readonly LivePrices None = new(FrozenDictionary<string, ModelPricing>.Empty, "catalog", DateTimeOffset.MinValue);
}

/// <summary>
/// The prices in force. Precedence: a deployment's own prices in config (negotiated, self-hosted),
/// then the last good live refresh, then the catalog. A refresh swaps the live set atomically.
/// </summary>
public sealed class PriceBook
{
    private volatile LivePrices live = LivePrices.None;

    public LivePrices Live => live;

    public void Swap(LivePrices next) => live = next;

    public ModelPricing For(Deployment deployment) => deployment.PriceOverride ?? For(deployment.Model);

    public ModelPricing For(CatalogModel model) => live.Prices.TryGetValue(model.Id, out var price) ? price : model.Price;
}
