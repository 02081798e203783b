using Switchyard.Core.Chat;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic counts cache reads and cache writes apart from input_tokens; OpenAI's prompt_tokens
/// includes cached tokens and reports them again in prompt_tokens_details. So prompt_tokens is the
/// sum of the three, and the details say how many were read from and written to the cache.
/// </summary>
internal static class AnthropicUsageMapper
{
    public static Usage ToCanonical(int inputTokens, int cacheReadTokens, int cacheWriteTokens, int outputTokens)
    {
        var prompt = inputTokens + cacheReadTokens + cacheWriteTokens;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = outputTokens,
            TotalTokens = prompt + outputTokens,
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = cacheReadTokens, CacheWriteTokens = cacheWriteTokens },
        };
    }

    public static Usage? ToCanonical(AnthropicUsage? usage) => usage is null ? null : ToCanonical(
        usage.InputTokens ?? 0, usage.CacheReadInputTokens ?? 0, usage.CacheCreationInputTokens ?? 0, usage.OutputTokens ?? 0);
}
