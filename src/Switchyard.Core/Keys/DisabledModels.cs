using System.Collections.Frozen;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Keys;

/// <summary>
/// Models and deployments an operator switched off at runtime (admin API; stored, so it survives a
/// restart). A disabled name matches a deployment's public model name, its catalog id or its id
/// ("provider/model"). Disabled deployments are taken out of a route's candidates before routing, so
/// no filter, policy or fallback sees them; a route left with none answers 503 model_disabled.
/// </summary>
public sealed class DisabledModels
{
    private volatile FrozenSet<string> names = FrozenSet<string>.Empty;

    public IReadOnlyCollection<string> Names => names;

    public void Replace(IEnumerable<string> disabled) => names = disabled.ToFrozenSet(StringComparer.Ordinal);

    public void Set(string name, bool disabled) =>
        names = (disabled ? names.Append(name) : names.Where(n => n != name)).ToFrozenSet(StringComparer.Ordinal);

    public bool IsDisabled(Deployment d) =>
        names.Count > 0 && (names.Contains(d.ModelName) || names.Contains(d.Model.Id) || names.Contains(d.Id));

    /// <summary>The route without its disabled deployments (the same instance when none is disabled).</summary>
    public RouteEntry Apply(RouteEntry route, out IReadOnlyList<Deployment> removed)
    {
        removed = [];
        if (names.Count == 0) return route;
        var kept = route.Deployments.Where(d => !IsDisabled(d)).ToList();
        if (kept.Count == route.Deployments.Count) return route;
        removed = route.Deployments.Where(IsDisabled).ToList();
        return route with { Deployments = kept };
    }
}
