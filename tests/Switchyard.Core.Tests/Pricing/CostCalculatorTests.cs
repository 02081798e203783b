using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;

namespace Switchyard.Core.Tests.Pricing;

public class CostCalculatorTests
{
    [Fact]
    public void Plain_usage_is_tokens_times_price()
    {
        var usage = new Usage { PromptTokens = 1200, CompletionTokens = 300, TotalTokens = 1500 };
        // 1200 x $2.50/M + 300 x $10/M = 0.003 + 0.003
        Assert.Equal(0.006m, CostCalculator.Cost(new ModelPricing(2.5m, 10m), usage));
    }

    [Fact]
    public void Cached_and_cache_written_tokens_use_their_prices_and_per_request_fees_are_added()
    {
        // Anthropic-style usage as the adapter maps it: prompt = uncached 100 + read 800 + written 100.
        var usage = new Usage
        {
            PromptTokens = 1000, CompletionTokens = 50, TotalTokens = 1050,
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = 800, CacheWriteTokens = 100 },
        };
        var price = new ModelPricing(3m, 15m, CachedInputPerMillion: 0.3m, CacheWritePerMillion: 3.75m, PerRequest: 0.001m);
        // 100 x 3 + 800 x 0.3 + 100 x 3.75 + 50 x 15 = 300 + 240 + 375 + 750 = 1665 per M
        Assert.Equal(0.001665m + 0.001m, CostCalculator.Cost(price, usage));
    }

    [Fact]
    public void Cached_tokens_without_a_cached_price_cost_the_input_price()
    {
        var usage = new Usage { PromptTokens = 1000, CompletionTokens = 0, PromptTokensDetails = new PromptTokensDetails { CachedTokens = 1000 } };
        Assert.Equal(0.001m, CostCalculator.Cost(new ModelPricing(1m, 1m), usage));
    }

    [Fact]
    public void Reasoning_tokens_are_part_of_completion_tokens_and_are_not_billed_twice()
    {
        var usage = new Usage { PromptTokens = 0, CompletionTokens = 1000, CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 900 } };
        Assert.Equal(0.01m, CostCalculator.Cost(new ModelPricing(1m, 10m), usage));
    }
}
