using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Config;

/// <summary>Builds a route's runtime entry: its candidates, its policy from the registry, an optional A/B split.</summary>
public sealed class RouteFactory(IReadOnlyList<IRoutingPolicyFactory> policies)
{
    public RouteEntry? Build(string name, RouteConfig route, IReadOnlyList<Deployment> candidates, Func<string, bool> isKnownTarget, List<string> problems) =>
        Build(name, RoutePolicySpec.From(route), route.MaxFallbacks, route.SessionAffinity, candidates, isKnownTarget, problems);

    /// <summary>
    /// Builds the route from its policy spec; the config file and a runtime policy change both come
    /// here, so both are validated alike. Each problem carries its path (routes.NAME.params.KEY).
    /// </summary>
    public RouteEntry? Build(string name, RoutePolicySpec spec, int? maxFallbacks, bool sessionAffinity, IReadOnlyList<Deployment> candidates,
        Func<string, bool> isKnownTarget, List<string> problems)
    {
        var path = $"routes.{name}";
        var before = problems.Count;
        var policy = Policy(name, spec.Policy, spec.Params, $"{path}", candidates, isKnownTarget, problems);
        AbSplit? split = null;
        if (spec.Split is { } s)
        {
            if (s.Percent is < 0 or > 100 || double.IsNaN(s.Percent)) problems.Add($"{path}.split.percent: must be 0-100");
            if (s.By is not ("session" or "request")) problems.Add($"{path}.split.by: must be \"session\" or \"request\"");
            if (s.Policy is null) problems.Add($"{path}.split.policy: required");
            else if (Policy(name, s.Policy, s.Params, $"{path}.split", candidates, isKnownTarget, problems) is { } armB)
                split = new AbSplit(s.Percent, armB, s.By == "session");
        }
        if (maxFallbacks is < 0) problems.Add($"{path}.max_fallbacks: must not be negative");
        if (problems.Count > before || policy is null) return null;
        return new RouteEntry(name, IsModel: false, candidates, policy, split, maxFallbacks, sessionAffinity) { PolicySpec = spec };
    }

    private IRoutingPolicy? Policy(string route, string name, System.Text.Json.Nodes.JsonObject? parameters, string path,
        IReadOnlyList<Deployment> candidates, Func<string, bool> isKnownTarget, List<string> problems)
    {
        var factory = policies.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (factory is null)
        {
            problems.Add($"{path}.policy: unknown policy '{name}' (known: {string.Join(", ", policies.Select(p => p.Name))})");
            return null;
        }
        return factory.Create(new PolicyBuildContext(route, parameters, path + ".params", candidates, isKnownTarget, problems));
    }
}
