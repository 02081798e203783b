using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Server.Endpoints;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Admin;

/// <summary>The admin API under /admin/v1, every endpoint behind <see cref="AdminAuth"/>.</summary>
public static class AdminEndpoints
{
    public const string Prefix = "/admin/v1";

    public static void Map(WebApplication app)
    {
        var auth = AdminAuth.From(app.Services.GetRequiredService<GatewayStartOptions>());
        var explain = new RouteExplainEndpoint(app.Services.GetRequiredService<GatewayServices>());
        var admin = app.MapGroup(Prefix);
        admin.MapPost("/route/explain", auth.Guard(explain.HandleAsync));
    }
}
