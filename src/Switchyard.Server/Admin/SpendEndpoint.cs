using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Gateway;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;
using Switchyard.Server.RequestLog;
using Switchyard.Storage;
using Switchyard.Storage.Spend;

namespace Switchyard.Server.Admin;

/// <summary>
/// GET /admin/v1/spend?from=&amp;to=&amp;group_by=model,provider,key,project,route,policy,arm,bucket:hour|day:
/// requests, tokens, cost, savings against the baseline, error rate and latency p50/p95 per group,
/// over [from, to) (default: the last 24 hours). Times: ISO 8601, "now", or 90m / 24h / 7d back from now.
/// </summary>
public sealed class SpendEndpoint(IRequestLogStore? store, TimeProvider time)
{
    public static void Map(WebApplication app)
    {
        var auth = AdminAuth.From(app.Services.GetRequiredService<GatewayStartOptions>());
        var endpoint = new SpendEndpoint(app.Services.GetService<IRequestLogStore>(), app.Services.GetRequiredService<TimeProvider>());
        app.MapGroup(AdminEndpoints.Prefix).MapGet("/spend", auth.Guard(endpoint.HandleAsync));
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var logs = LogsEndpoints.Require(store);
            var query = Parse(context.Request.Query, time.GetUtcNow());
            SpendReport report;
            try { report = await logs.SpendAsync(query, context.RequestAborted); }
            catch (Exception ex) when (ex is not OperationCanceledException) { throw LogsEndpoints.Unavailable(ex); }
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, report, RequestLogJsonContext.Default.SpendReport, context.RequestAborted);
        }
        catch (GatewayException error)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
    }

    public static SpendQuery Parse(IQueryCollection query, DateTimeOffset now)
    {
        try
        {
            var (from, to) = TimeExpression.Range(query["from"], query["to"], now, TimeSpan.FromHours(24));
            return new SpendQuery(from, to, SpendDimension.Parse(query["group_by"]));
        }
        catch (FormatException ex)
        {
            throw GatewayErrors.InvalidRequest(ex.Message + ".");
        }
    }
}
