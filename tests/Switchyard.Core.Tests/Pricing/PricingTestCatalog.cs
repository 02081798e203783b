using Switchyard.Core.Catalog;

namespace Switchyard.Core.Tests.Pricing;

/// <summary>A small catalog whose aliases match the recorded price feeds, independent of the shipped catalog.</summary>
internal static class PricingTestCatalog
{
    public static CatalogModel Model(string id, decimal input, decimal output, params string[] aliases) =>
        new(id, "test", aliases, new ModelPricing(input, output), 128_000, 16_384, ModelCapabilities.Tools,
            new HashSet<string>(), "o200k_base", 3, new Dictionary<TaskClass, TaskTier>());

    public static ModelCatalog Create() => new(
    [
        Model("gpt-4o", 5m, 20m, "openai/gpt-4o"),
        Model("gpt-4o-mini", 0.15m, 0.60m, "openai/gpt-4o-mini"),
        Model("claude-sonnet-4-5", 3m, 15m, "anthropic/claude-sonnet-4.5"),
        Model("claude-haiku-4-5", 1m, 5m, "anthropic/claude-haiku-4.5"),
        Model("not-in-any-feed", 1m, 1m),
    ], []);
}
