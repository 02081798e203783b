namespace Switchyard.Core.Routing.Policies;

/// <summary>The policies a route may name. Adding one = its class plus one line here.</summary>
public static class RoutingPolicies
{
    public static IReadOnlyList<IRoutingPolicyFactory> Builtin { get; } =
    [
        FixedPolicy.Instance,
        new CheapestCapablePolicyFactory(),
        new WeightedPolicyFactory(),
        new LowestLatencyPolicyFactory(),
        new Rules.RulesPolicyFactory(),
    ];

    public static IRoutingPolicyFactory? Find(string name) =>
        Builtin.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
