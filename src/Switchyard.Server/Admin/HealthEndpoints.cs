using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Gateway;
using Switchyard.Core.Health;
using Switchyard.Core.Runtime;
using Switchyard.Server.Health;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;

namespace Switchyard.Server.Admin;

/// <summary>
/// GET /admin/v1/health (every deployment), GET /admin/v1/health/{deployment} (one) and
/// POST /admin/v1/health/{deployment}/reset (close its breaker and clear its window). Deployment ids
/// hold a '/' ("openai-main/gpt-4o"), so they are written as they are, unescaped, in the path.
/// Unknown deployments get 404 in the OpenAI error shape. Every endpoint is behind <see cref="AdminAuth"/>.
/// </summary>
public sealed class HealthEndpoints(SnapshotHolder snapshots, IHealthRegistry health, ProbeLog probes)
{
    private const string ResetSuffix = "/reset";

    public static void Map(WebApplication app)
    {
        var auth = AdminAuth.From(app.Services.GetRequiredService<GatewayStartOptions>());
        var endpoints = new HealthEndpoints(app.Services.GetRequiredService<SnapshotHolder>(),
            app.Services.GetRequiredService<IHealthRegistry>(), app.Services.GetRequiredService<ProbeLog>());
        var group = app.MapGroup(AdminEndpoints.Prefix + "/health");
        group.MapGet("", auth.Guard(endpoints.ListAsync));
        group.MapGet("/{**deployment}", auth.Guard(endpoints.GetAsync));
        group.MapPost("/{**deployment}", auth.Guard(endpoints.ResetAsync));
    }

    public Task ListAsync(HttpContext context)
    {
        var views = ActiveHealthChecks.Deployments(snapshots.Current)
            .Select(d => DeploymentHealthView.From(d, health.Snapshot(d.Id), probes.Latest(d.Id)))
            .ToList();
        return WriteAsync(context, new HealthListView("list", views), HealthJsonContext.Default.HealthListView);
    }

    public Task GetAsync(HttpContext context)
    {
        var id = (string?)context.Request.RouteValues["deployment"] ?? "";
        if (Find(id) is not { } deployment) return ErrorWriter.WriteAsync(context, UnknownDeployment(id));
        return WriteAsync(context, DeploymentHealthView.From(deployment, health.Snapshot(id), probes.Latest(id)), HealthJsonContext.Default.DeploymentHealthView);
    }

    /// <summary>POST {deployment}/reset: the breaker closes and the window is cleared, as an operator's override.</summary>
    public Task ResetAsync(HttpContext context)
    {
        var path = (string?)context.Request.RouteValues["deployment"] ?? "";
        if (!path.EndsWith(ResetSuffix, StringComparison.Ordinal))
            return ErrorWriter.WriteAsync(context, new GatewayException(404, "invalid_request_error", "not_found",
                $"POST {AdminEndpoints.Prefix}/health/{{deployment}}/reset is the only action here."));
        var id = path[..^ResetSuffix.Length];
        if (Find(id) is not { } deployment) return ErrorWriter.WriteAsync(context, UnknownDeployment(id));
        health.Reset(id);
        return WriteAsync(context, DeploymentHealthView.From(deployment, health.Snapshot(id), probes.Latest(id)), HealthJsonContext.Default.DeploymentHealthView);
    }

    private Deployment? Find(string id) =>
        ActiveHealthChecks.Deployments(snapshots.Current).FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));

    private static GatewayException UnknownDeployment(string id) =>
        new(404, "invalid_request_error", "deployment_not_found",
            $"No deployment '{id}' is configured. GET {AdminEndpoints.Prefix}/health lists them.", "deployment");

    private static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        await System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
