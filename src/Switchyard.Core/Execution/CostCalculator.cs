using Switchyard.Core.Chat;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Execution;

/// <summary>Cost of an answered call from the upstream's reported usage and the deployment's price.</summary>
public static class CostCalculator
{
    /// <summary>Null when the deployment has no price or the upstream reported no usage.</summary>
    public static decimal? Cost(Deployment deployment, Usage? usage) =>
        deployment.Price is { } price && usage is not null ? price.Cost(usage.PromptTokens, usage.CompletionTokens) : null;
}
