using Switchyard.Core.Catalog;

namespace Switchyard.Core.Pricing;

/// <summary>One model's price before and after a refresh.</summary>
public sealed record PriceChange(string ModelId, ModelPricing Before, ModelPricing After);

/// <summary>
/// Decides whether a parsed feed may replace the prices in force. A refresh is refused whole, and
/// the old prices kept, when it maps no catalog model, when it maps fewer than half the models the
/// last good refresh did (a partial feed), or when any price is absurd: negative, zero where it was
/// not zero, or more than 100x away from the price in force.
/// </summary>
public static class PriceRefreshRules
{
    public const decimal MaxJump = 100m;

    public static IReadOnlyList<string> Check(PriceFeed feed, Func<string, ModelPricing?> current, int lastGoodCount)
    {
        var problems = new List<string>();
        if (feed.Prices.Count == 0) problems.Add("the feed names no model of the catalog");
        else if (lastGoodCount > 0 && feed.Prices.Count * 2 < lastGoodCount)
            problems.Add($"the feed names {feed.Prices.Count} catalog models, fewer than half of the {lastGoodCount} of the last good refresh (partial feed?)");
        foreach (var (id, next) in feed.Prices)
        {
            if (current(id) is not { } before) continue;
            Compare(id, "input", before.InputPerMillion, next.InputPerMillion, problems);
            Compare(id, "output", before.OutputPerMillion, next.OutputPerMillion, problems);
        }
        return problems;
    }

    public static IReadOnlyList<PriceChange> Changes(PriceFeed feed, Func<string, ModelPricing?> current) =>
        feed.Prices
            .Where(p => current(p.Key) is not { } before || before.InputPerMillion != p.Value.InputPerMillion || before.OutputPerMillion != p.Value.OutputPerMillion
                        || before.CachedInputPerMillion != p.Value.CachedInputPerMillion)
            .Select(p => new PriceChange(p.Key, current(p.Key) ?? p.Value, p.Value))
            .OrderBy(c => c.ModelId, StringComparer.Ordinal)
            .ToList();

    private static void Compare(string id, string which, decimal before, decimal after, List<string> problems)
    {
        if (after < 0) problems.Add($"{id}: negative {which} price {after}");
        else if (after == 0 && before != 0) problems.Add($"{id}: {which} price dropped to zero from {before}");
        else if (before > 0 && (after > before * MaxJump || after * MaxJump < before))
            problems.Add($"{id}: {which} price {after} is more than {MaxJump}x away from {before}");
    }
}
