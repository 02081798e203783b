using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Health;
using Switchyard.Server.Admin;
using Switchyard.Server.Hosting;
using Switchyard.Server.Telemetry.Prometheus;

namespace Switchyard.Server.Telemetry;

/// <summary>The telemetry pieces: metrics and spans from the outcome sink, OTLP export, GET /metrics.</summary>
public static class TelemetryRegistrations
{
    public static void AddTelemetry(IServiceCollection services, GatewayStartOptions options)
    {
        var config = options.Config.Telemetry;
        services.AddSingleton(config);
        services.AddSingleton(sp => new GatewayMetrics(() => sp.GetService<IHealthRegistry>(), () => sp.GetService<Storage.Writing.RequestLogCounters>()));
        services.AddSingleton<RequestSpans>();
        services.AddSingleton<TelemetryOutcomeSink>();
        services.AddSingleton(sp => new PrometheusCollector(sp.GetRequiredService<GatewayMetrics>().Meter));
        services.AddSingleton<MetricsEndpoint>();
        services.AddSingleton<OtlpExport>();
        services.AddHostedService(sp => sp.GetRequiredService<OtlpExport>());
    }

    /// <summary>Maps GET /metrics (open by default, like most gateways; behind the admin rule when configured).</summary>
    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<GatewayStartOptions>();
        var config = options.Config.Telemetry;
        if (!config.Prometheus) return;
        // Resolved now, so the collector listens from the first request on.
        var endpoint = app.Services.GetRequiredService<MetricsEndpoint>();
        app.MapGet(MetricsEndpoint.Path, config.MetricsRequiresAdmin ? AdminAuth.From(options).Guard(endpoint.HandleAsync) : endpoint.HandleAsync);
    }
}
