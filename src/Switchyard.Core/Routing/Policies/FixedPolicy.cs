using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>`fixed`: the order written in config, first preferred; the rest are fallbacks.</summary>
public sealed class FixedPolicy : IRoutingPolicy, IRoutingPolicyFactory
{
    public static readonly FixedPolicy Instance = new();

    public string Name => "fixed";

    public IRoutingPolicy? Create(PolicyBuildContext build) => this;

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        // Candidates arrive in config order already.
    }
}
