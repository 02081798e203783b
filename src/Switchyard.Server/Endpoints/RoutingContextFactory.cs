using Microsoft.AspNetCore.Http;
using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Runtime;
using Switchyard.Server.Http;

namespace Switchyard.Server.Endpoints;

/// <summary>Builds the routing context of one HTTP request: its controls, session, cost estimator and headers.</summary>
public static class RoutingContextFactory
{
    public const string SessionHeader = "x-session-id";

    public static RoutingContext Create(HttpContext http, ChatRequest request, GatewaySnapshot snapshot, GatewayServices services)
    {
        var headers = http.Request.Headers;
        string? Header(string name) => headers.TryGetValue(name, out var v) ? v.ToString() : null;
        var controls = RequestControlsParser.Parse(request.Switchyard, Header);
        var session = Header(SessionHeader) is { Length: > 0 } s ? s : null;
        var costs = new CostEstimator(request, services.Prices, snapshot.Accounting.ExpectedOutputTokens);
        return new RoutingContext(request, controls, costs, services.Routing, snapshot.Routing, RequestIdMiddleware.Of(http), session,
            key: Keys.KeyRequest.PolicyOf(http), header: Header);
    }

    /// <summary>The deployments of the request's fallback models (switchyard.models), each a known model or route.</summary>
    public static IReadOnlyList<Deployment>? FallbackCandidates(RoutingContext context, GatewaySnapshot snapshot)
    {
        var names = context.Controls.FallbackModels;
        if (names.Count == 0) return null;
        var result = new List<Deployment>();
        foreach (var name in names)
        {
            var entry = snapshot.FindRoute(name)
                ?? throw GatewayErrors.InvalidRequest($"'switchyard.models' names '{name}', which is neither a model nor a route of this gateway.", "switchyard.models");
            result.AddRange(entry.Deployments);
        }
        return result;
    }
}
