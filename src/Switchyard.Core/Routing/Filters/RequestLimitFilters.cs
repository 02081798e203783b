using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Filters;

/// <summary>Per-request max_cost_usd (and the key's ceiling), against the one cost estimator.</summary>
public sealed class MaxCostFilter : IRoutingFilter
{
    public string Name => "max-cost";

    public RemovalReason Check(RoutingContext context, Deployment candidate) =>
        context.MaxCostUsd is { } max && context.Costs.For(candidate).Cost > max ? RemovalReason.MaxCost : RemovalReason.None;
}

/// <summary>Per-request max_latency_ms against the deployment's recent p95; unknown latency passes.</summary>
public sealed class MaxLatencyFilter : IRoutingFilter
{
    public string Name => "max-latency";

    public RemovalReason Check(RoutingContext context, Deployment candidate) =>
        context.Controls.MaxLatencyMs is { } max && context.Services.Stats.P95LatencyMs(candidate.Id) is { } p95 && p95 > max
            ? RemovalReason.MaxLatency : RemovalReason.None;
}

/// <summary>Per-request min_tier against the model's tier for the request's task class.</summary>
public sealed class MinTierFilter : IRoutingFilter
{
    public string Name => "min-tier";

    public RemovalReason Check(RoutingContext context, Deployment candidate) =>
        context.Controls.MinTier is { } min && candidate.Model.TierFor(context.Task.Task) < min ? RemovalReason.BelowMinTier : RemovalReason.None;
}

/// <summary>Per-request provider only / ignore lists, by provider name (config name or wire kind).</summary>
public sealed class ProviderFilter : IRoutingFilter
{
    public string Name => "provider";

    public RemovalReason Check(RoutingContext context, Deployment candidate)
    {
        var controls = context.Controls;
        if (controls.ProviderOnly.Count > 0 && !Matches(controls.ProviderOnly, candidate)) return RemovalReason.ProviderNotAllowed;
        if (controls.ProviderIgnore.Count > 0 && Matches(controls.ProviderIgnore, candidate)) return RemovalReason.ProviderIgnored;
        return RemovalReason.None;
    }

    public static bool Matches(IReadOnlyList<string> names, Deployment candidate)
    {
        foreach (var name in names)
            if (string.Equals(name, candidate.Provider.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, candidate.Model.Provider, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }
}

/// <summary>
/// The key's deny list, by model name: a denied model is unreachable even through a route the key
/// may use. (Whether the key may use the route or model it named is checked before routing.)
/// </summary>
public sealed class KeyAccessFilter : IRoutingFilter
{
    public string Name => "key-access";

    public RemovalReason Check(RoutingContext context, Deployment candidate) =>
        context.Key.DeniedModels.Contains(candidate.ModelName) ? RemovalReason.KeyNotAllowed : RemovalReason.None;
}

/// <summary>Deployments whose circuit is open are skipped.</summary>
public sealed class HealthFilter : IRoutingFilter
{
    public string Name => "health";

    public RemovalReason Check(RoutingContext context, Deployment candidate) =>
        context.Services.Health.IsOpen(candidate.Id) ? RemovalReason.CircuitOpen : RemovalReason.None;
}
