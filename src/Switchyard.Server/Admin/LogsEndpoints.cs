using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Gateway;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;
using Switchyard.Server.RequestLog;
using Switchyard.Storage;
using Switchyard.Storage.Export;
using Switchyard.Storage.Spend;

namespace Switchyard.Server.Admin;

/// <summary>
/// GET /admin/v1/logs/{id}: one request log row. GET /admin/v1/logs/export?from=&amp;to=: the rows with
/// feedback as routing-data JSON lines (default: all time); the x-switchyard-export-* headers say how
/// many were written and how many were skipped and why (no prompt stored: body logging was off).
/// </summary>
public sealed class LogsEndpoints(IRequestLogStore? store, TimeProvider time)
{
    public const string WrittenHeader = "x-switchyard-export-written";
    public const string SkippedNoPromptHeader = "x-switchyard-export-skipped-no-prompt";
    public const string SkippedNoAnswerHeader = "x-switchyard-export-skipped-no-answer";

    public static void Map(WebApplication app)
    {
        var auth = AdminAuth.From(app.Services.GetRequiredService<GatewayStartOptions>());
        var endpoints = new LogsEndpoints(app.Services.GetService<IRequestLogStore>(), app.Services.GetRequiredService<TimeProvider>());
        var admin = app.MapGroup(AdminEndpoints.Prefix);
        admin.MapGet("/logs/export", auth.Guard(endpoints.ExportAsync));
        admin.MapGet("/logs/{id}", auth.Guard(endpoints.GetAsync));
    }

    public async Task GetAsync(HttpContext context)
    {
        try
        {
            var id = context.Request.RouteValues["id"] as string ?? "";
            Storage.Rows.RequestLogRow? row;
            try { row = await Require(store).FindAsync(id, context.RequestAborted); }
            catch (Exception ex) when (ex is not OperationCanceledException and not GatewayException) { throw Unavailable(ex); }
            if (row is null) throw new GatewayException(404, "invalid_request_error", "request_not_found", $"No request with id '{id}' is in the request log.");
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, row, RequestLogJsonContext.Default.RequestLogRow, context.RequestAborted);
        }
        catch (GatewayException error)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
    }

    public async Task ExportAsync(HttpContext context)
    {
        try
        {
            var logs = Require(store);
            DateTimeOffset from, to;
            try { (from, to) = TimeExpression.Range(context.Request.Query["from"], context.Request.Query["to"], time.GetUtcNow(), TimeSpan.FromDays(365 * 100)); }
            catch (FormatException ex) { throw GatewayErrors.InvalidRequest(ex.Message + "."); }
            // Buffered so the summary can go in headers; feedback rows are few next to the log.
            var lines = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            ExportSummary summary;
            try { summary = await RoutingDataExporter.ExportAsync(logs, from, to, lines, context.RequestAborted); }
            catch (Exception ex) when (ex is not OperationCanceledException) { throw Unavailable(ex); }
            var headers = context.Response.Headers;
            headers[WrittenHeader] = summary.Written.ToString(CultureInfo.InvariantCulture);
            headers[SkippedNoPromptHeader] = summary.SkippedNoPrompt.ToString(CultureInfo.InvariantCulture);
            headers[SkippedNoAnswerHeader] = summary.SkippedNoAnswer.ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync(lines.ToString(), context.RequestAborted);
        }
        catch (GatewayException error)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
    }

    internal static IRequestLogStore Require(IRequestLogStore? store) => store
        ?? throw new GatewayException(404, "invalid_request_error", "request_log_disabled", "The request log is disabled (request_log.enabled: false).");

    internal static GatewayException Unavailable(Exception ex) =>
        new(503, "service_unavailable", "request_log_unavailable", $"The request log store is unavailable ({ex.GetType().Name}: {ex.Message}).") { RetryAfterSeconds = 5 };
}
