using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Filters;

/// <summary>The window must hold the prompt (counted with the model's tokenizer) plus the output the request may produce.</summary>
public sealed class ContextWindowFilter : IRoutingFilter
{
    public string Name => "context-window";

    public RemovalReason Check(RoutingContext context, Deployment candidate) =>
        Needed(context, candidate) > candidate.Model.ContextWindow ? RemovalReason.ContextWindow : RemovalReason.None;

    /// <summary>Prompt tokens plus the client's max output, or, when it set none, at least one output token.</summary>
    public static int Needed(RoutingContext context, Deployment candidate) =>
        context.Costs.PromptTokens(candidate.Model.Tokenizer) + Math.Min(context.Request.RequestedMaxOutputTokens ?? 1, candidate.MaxOutputTokens);
}
