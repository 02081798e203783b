using BenchmarkDotNet.Attributes;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Pricing;

namespace Switchyard.Benchmarks.Pricing;

/// <summary>The cost of an answered call: the model's price from the price book (live prices over the catalog) and the cost of its usage, cache details included.</summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*Cost*' --job short</remarks>
[MemoryDiagnoser]
public class CostBenchmarks
{
    private readonly PriceBook prices = new();
    private CatalogModel model = null!;
    private readonly Usage usage = new()
    {
        PromptTokens = 1_834, CompletionTokens = 412, TotalTokens = 2_246,
        PromptTokensDetails = new PromptTokensDetails { CachedTokens = 1_024 },
    };

    [GlobalSetup]
    public void Setup() => model = CatalogLoader.LoadBuiltin().Find("claude-sonnet-4-5") ?? throw new InvalidOperationException("not in the catalog");

    [Benchmark]
    public decimal PriceAndCost() => CostCalculator.Cost(prices.For(model), usage);
}
