using Microsoft.AspNetCore.Http;

namespace Switchyard.Server.Telemetry.Prometheus;

/// <summary>GET /metrics: the gateway's metrics in the Prometheus text exposition format, written straight into the response pipe.</summary>
public sealed class MetricsEndpoint(PrometheusCollector collector)
{
    public const string Path = "/metrics";

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        collector.WriteTo(context.Response.BodyWriter);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
