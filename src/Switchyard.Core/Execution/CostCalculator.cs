using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Execution;

/// <summary>Cost of one call from its token usage and a price.</summary>
public static class CostCalculator
{
    /// <summary>
    /// Input tokens read from the cache are billed at the cached price and tokens written to it at
    /// the cache-write price (each falls back to the input price); the rest of the prompt at the
    /// input price; completion tokens, reasoning included (every wire format counts reasoning
    /// inside completion tokens), at the output price; plus any per-request fee.
    /// </summary>
    public static decimal Cost(ModelPricing price, Usage usage)
    {
        var cached = usage.PromptTokensDetails?.CachedTokens ?? 0;
        var written = usage.PromptTokensDetails?.CacheWriteTokens ?? 0;
        var uncached = Math.Max(0, usage.PromptTokens - cached - written);
        var tokens = uncached * price.InputPerMillion
            + cached * (price.CachedInputPerMillion ?? price.InputPerMillion)
            + written * (price.CacheWritePerMillion ?? price.InputPerMillion)
            + usage.CompletionTokens * price.OutputPerMillion;
        return tokens / 1_000_000m + (price.PerRequest ?? 0m);
    }

    /// <summary>The same without cache details, for estimates before the call (no Usage object per candidate).</summary>
    public static decimal Cost(ModelPricing price, int promptTokens, int completionTokens) =>
        (promptTokens * price.InputPerMillion + completionTokens * price.OutputPerMillion) / 1_000_000m + (price.PerRequest ?? 0m);
}
