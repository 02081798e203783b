using Microsoft.AspNetCore.Http;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;
using Switchyard.Core.Routing;
using Switchyard.Server.Endpoints;
using Switchyard.Server.Http;

namespace Switchyard.Server.Admin;

/// <summary>
/// POST /admin/v1/route/explain: routes a chat request exactly as POST /v1/chat/completions would
/// (same body, same switchyard controls and headers, same errors) and answers the whole decision
/// instead of calling anything. No upstream is called and no session is pinned.
/// </summary>
public sealed class RouteExplainEndpoint(GatewayServices services)
{
    public async Task HandleAsync(HttpContext context)
    {
        var snapshot = services.Snapshots.Current;
        try
        {
            var request = await RequestBodyReader.ReadAsync(context, ChatJsonContext.Default.ChatRequest, snapshot.Server.MaxRequestBodyBytes, ChatRequestReader.TryRead);
            ChatRequestValidator.Validate(request);
            var route = snapshot.FindRoute(request.Model!) ?? throw GatewayErrors.UnknownModel(request.Model!);
            SwitchyardHeaders.WriteRoute(context.Response, route.Name);
            var routing = RoutingContextFactory.Create(context, request, snapshot, services);
            var decision = RoutePlanner.Default.Plan(route, routing, RoutingContextFactory.FallbackCandidates(routing, snapshot), explain: true);
            SwitchyardHeaders.WriteRoute(context.Response, decision.DecidedBy);
            context.Response.ContentType = "application/json";
            await DecisionJson.WriteAsync(context.Response.Body, DecisionJson.From(decision, routing), context.RequestAborted);
        }
        catch (GatewayException error)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
    }
}
