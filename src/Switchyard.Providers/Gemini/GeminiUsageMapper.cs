using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// usageMetadata to OpenAI usage. Gemini counts thinking apart from the answer
/// (thoughtsTokenCount beside candidatesTokenCount) and bills it as output; OpenAI counts
/// reasoning inside completion_tokens, so completion = candidates + thoughts.
/// </summary>
internal static class GeminiUsageMapper
{
    public static Usage Map(GeminiUsageMetadata metadata)
    {
        var prompt = metadata.PromptTokenCount ?? 0;
        var thoughts = metadata.ThoughtsTokenCount ?? 0;
        var completion = (metadata.CandidatesTokenCount ?? 0) + thoughts;
        return new Usage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            // totalTokenCount also counts tool-use prompt tokens; trust it when present.
            TotalTokens = metadata.TotalTokenCount ?? prompt + completion + (metadata.ToolUsePromptTokenCount ?? 0),
            PromptTokensDetails = new PromptTokensDetails { CachedTokens = metadata.CachedContentTokenCount ?? 0 },
            CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = thoughts },
        };
    }
}
