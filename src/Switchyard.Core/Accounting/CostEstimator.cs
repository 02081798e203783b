using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Pricing;
using Switchyard.Core.Runtime;
using Switchyard.Core.Tokens;

namespace Switchyard.Core.Accounting;

/// <summary>A cost before the call: the tokens expected and their price at one deployment.</summary>
public readonly record struct CostEstimate(int PromptTokens, int OutputTokens, decimal Cost);

/// <summary>
/// DESIGN.md's one cost estimator, for everything that needs a cost before the call (budgets,
/// max-cost filters, routing, the context-window check): the prompt's tokens counted exactly where
/// the model's tokenizer is known (else the documented estimate), plus max_completion_tokens /
/// max_tokens when the client set one, else the expected output length, priced at the
/// deployment's price in force. One instance per request: prompt counts are cached per tokenizer,
/// so fifty candidates cost at most two or three countings.
/// </summary>
public sealed class CostEstimator(ChatRequest request, PriceBook prices, int expectedOutputTokens)
{
    // One slot per tokenizer name TokenCounters knows (any other name counts as the estimate): no
    // dictionary to allocate or hash into for each of fifty candidates. -1 = not counted yet.
    private int o200kTokens = -1, cl100kTokens = -1, estimatedTokens = -1;

    /// <summary>Output tokens assumed: what the client capped it at, else the configured expectation.</summary>
    public int OutputTokens => request.RequestedMaxOutputTokens ?? expectedOutputTokens;

    public int PromptTokens(string tokenizer) => tokenizer switch
    {
        TokenCounters.O200kBase => Counted(ref o200kTokens, TokenCounters.O200kBase),
        TokenCounters.Cl100kBase => Counted(ref cl100kTokens, TokenCounters.Cl100kBase),
        _ => Counted(ref estimatedTokens, TokenCounters.Estimate),
    };

    private int Counted(ref int slot, string tokenizer)
    {
        if (slot < 0) slot = ChatTokenCounter.For(tokenizer).CountPrompt(request);
        return slot;
    }

    public CostEstimate For(Deployment deployment)
    {
        var prompt = PromptTokens(deployment.Model.Tokenizer);
        var output = Math.Min(OutputTokens, deployment.MaxOutputTokens);
        return new CostEstimate(prompt, output, CostCalculator.Cost(prices.For(deployment), prompt, output));
    }
}
