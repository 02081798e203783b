using Switchyard.Core.Chat;
using Switchyard.Core.Runtime;
using Switchyard.Core.Tokens;

namespace Switchyard.Core.Accounting;

/// <summary>
/// Usage for answers whose upstream reported none (some OpenAI-compatible servers): the prompt
/// counted with the model's tokenizer, the completion counted from its text. Costs built on it are
/// marked estimated.
/// </summary>
public static class UsageEstimator
{
    public static Usage ForCompletion(ChatRequest request, Deployment deployment, ChatCompletion completion)
    {
        var counter = ChatTokenCounter.For(Tokenizer(deployment));
        var output = 0;
        foreach (var choice in completion.Choices)
        {
            output += counter.Text.Count(choice.Message.Content?.AllText());
            foreach (var call in choice.Message.ToolCalls ?? [])
                output += counter.Text.Count(call.Function?.Name) + counter.Text.Count(call.Function?.Arguments) + ChatTokenCounter.ToolCallOverhead;
        }
        return Build(counter.CountPrompt(request), output);
    }

    /// <summary>
    /// For streams the text is not kept (that would cost memory per chunk): compatible servers send
    /// about one token per delta, so the completion is estimated as the larger of the number of
    /// content deltas and the characters / 4.
    /// </summary>
    public static Usage ForStream(ChatRequest request, Deployment deployment, int contentDeltas, long contentChars)
    {
        var prompt = ChatTokenCounter.For(Tokenizer(deployment)).CountPrompt(request);
        return Build(prompt, (int)Math.Max(contentDeltas, (contentChars + 3) / 4));
    }

    private static string Tokenizer(Deployment deployment) =>
        TokenCounters.TryFor(deployment.Model.Tokenizer, out _) ? deployment.Model.Tokenizer : TokenCounters.Estimate;

    private static Usage Build(int prompt, int output) => new() { PromptTokens = prompt, CompletionTokens = output, TotalTokens = prompt + output };
}
