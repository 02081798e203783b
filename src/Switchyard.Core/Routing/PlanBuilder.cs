using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing;

/// <summary>
/// Turns a route into the ordered deployments to try, removing those that cannot serve the request
/// at all. The routing engine (filters, policies) replaces this ordering; the removal reasons and
/// the 400 they produce stay.
/// </summary>
public static class PlanBuilder
{
    /// <summary>Wire formats that can return several choices for one request (n > 1).</summary>
    private static readonly HashSet<string> MultiChoiceWires = ["openai", "gemini"];

    public static IReadOnlyList<Deployment> Build(RouteEntry route, ChatRequest request)
    {
        if (request.N is not > 1) return route.Deployments;
        var kept = route.Deployments.Where(d => MultiChoiceWires.Contains(d.Provider.Kind)).ToList();
        if (kept.Count > 0) return kept;
        var reasons = string.Join("; ", route.Deployments.Select(d => $"{d.Id}: the {d.Provider.Kind} API does not support n > 1"));
        throw GatewayErrors.NoCandidate(reasons);
    }
}
