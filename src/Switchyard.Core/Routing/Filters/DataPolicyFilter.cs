using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Filters;

/// <summary>A request, key or PII finding that requires tags (no-training, eu-hosted...) reaches only deployments that carry them all.</summary>
public sealed class DataPolicyFilter : IRoutingFilter
{
    public string Name => "data-policy";

    public RemovalReason Check(RoutingContext context, Deployment candidate)
    {
        foreach (var tag in context.RequiredTags)
            if (!candidate.Model.Tags.Contains(tag)) return RemovalReason.MissingTags;
        return RemovalReason.None;
    }
}
