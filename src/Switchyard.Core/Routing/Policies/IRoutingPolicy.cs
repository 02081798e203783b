using System.Text.Json.Nodes;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>
/// Orders the candidates that survived the filters, best first; the planner turns the order into
/// the plan (primary + fallbacks). Policies only select: they never call upstreams and never see
/// what happened to earlier requests except through the health statistics.
/// </summary>
public interface IRoutingPolicy
{
    string Name { get; }

    /// <summary>Sorts <paramref name="candidates"/> in place and notes scores on <paramref name="decision"/> for explanations.</summary>
    void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision);
}

/// <summary>Builds a policy from a route's config: one class with a Name plus one registration line in <see cref="RoutingPolicies"/>.</summary>
public interface IRoutingPolicyFactory
{
    string Name { get; }

    /// <summary>Null when the parameters are wrong; every problem is added with its path.</summary>
    IRoutingPolicy? Create(PolicyBuildContext build);
}

/// <summary>What a policy factory may consult while a route is built.</summary>
/// <param name="Route">The route's name.</param>
/// <param name="Params">The route's "params" object (may be null).</param>
/// <param name="Path">The config path of the params, for error messages.</param>
/// <param name="Candidates">The route's candidate deployments.</param>
/// <param name="IsKnownTarget">Whether a name is a configured model or route (rules point at them).</param>
public sealed record PolicyBuildContext(
    string Route,
    JsonObject? Params,
    string Path,
    IReadOnlyList<Deployment> Candidates,
    Func<string, bool> IsKnownTarget,
    List<string> Problems);
