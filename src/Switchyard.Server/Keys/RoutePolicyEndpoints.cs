using Microsoft.AspNetCore.Http;
using Switchyard.Core.Gateway;

namespace Switchyard.Server.Keys;

/// <summary>
/// PATCH /admin/v1/routes/{route}/policy changes a route's policy, params or A/B split at runtime;
/// DELETE clears the change (the config file's policy applies again). A change is validated exactly
/// like the config file (a bad value: 400 with its path and reason, nothing changed), stored beside
/// the weights, applied to the next decisions by swapping the snapshot, and kept across restarts and
/// config reloads. Both answer as GET /admin/v1/routes.
/// </summary>
public sealed class RoutePolicyEndpoints(KeyService keys, RuntimeRoutePolicies policies, KeyAdminEndpoints routes)
{
    public async Task SetAsync(HttpContext context, string body)
    {
        var name = ConfiguredRoute(context, out var configured);
        var current = policies.Overrides.GetValueOrDefault(name) ?? configured.PolicySpec
            ?? throw new InvalidOperationException($"Route '{name}' carries no policy spec.");
        var next = RoutePolicyChange.Apply(current, KeyFields.Parse(body));
        var problems = new List<string>();
        if (policies.Build(name, next, problems) is null)
            throw new GatewayException(400, "invalid_request_error", "invalid_policy",
                $"The policy change of route '{name}' is refused and nothing changed: {string.Join("; ", problems)}", FirstPath(problems));
        await keys.SetRoutePolicyAsync(name, next, context.RequestAborted);
        await routes.RoutesAsync(context);
    }

    public async Task ClearAsync(HttpContext context)
    {
        var name = ConfiguredRoute(context, out _);
        await keys.SetRoutePolicyAsync(name, null, context.RequestAborted);
        await routes.RoutesAsync(context);
    }

    private string ConfiguredRoute(HttpContext context, out Core.Runtime.RouteEntry route)
    {
        var name = (string?)context.Request.RouteValues["route"] ?? "";
        route = policies.ConfiguredRoute(name) ?? throw new GatewayException(404, "invalid_request_error", "route_not_found",
            $"No route '{name}' in the config file (a plain model's deployments share traffic by weight: see /weights).", "route");
        return name;
    }

    /// <summary>"routes.r.params.min_tier: ..." → "routes.r.params.min_tier", for the error's param.</summary>
    private static string? FirstPath(List<string> problems) =>
        problems.Count > 0 && problems[0].IndexOf(':') is > 0 and var colon ? problems[0][..colon] : null;
}
