using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchyard.Core.Config;

namespace Switchyard.Server.Telemetry;

/// <summary>
/// Pushes the "Switchyard" spans and metrics to an OTLP collector when telemetry.otlp_endpoint is set.
/// The OpenTelemetry hosting package is not available here, so the providers are built by hand at
/// start and disposed at stop, which flushes what is still buffered.
/// </summary>
public sealed partial class OtlpExport(TelemetryConfig config, ILogger<OtlpExport> logger) : IHostedService, IDisposable
{
    private TracerProvider? tracer;
    private MeterProvider? meters;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (config.OtlpEndpoint is not { } endpoint) return Task.CompletedTask;
        var resource = ResourceBuilder.CreateDefault().AddService(config.ServiceName, serviceVersion: SwitchyardTelemetry.Version);
        if (config.Traces)
            tracer = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(SwitchyardTelemetry.Name)
                .AddOtlpExporter(o => Configure(o, "v1/traces"))
                .Build();
        if (config.Metrics)
            meters = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(SwitchyardTelemetry.Name)
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Max(1, config.ExportIntervalSeconds * 1000);
                    reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                })
                .Build();
        Started(logger, endpoint, config.OtlpProtocol, config.Traces, config.Metrics);
        return Task.CompletedTask;
    }

    private void Configure(OtlpExporterOptions options, string signalPath)
    {
        var endpoint = config.OtlpEndpoint!.TrimEnd('/');
        if (config.OtlpProtocol == TelemetryProtocols.Grpc)
        {
            options.Protocol = OtlpExportProtocol.Grpc;
            options.Endpoint = new Uri(endpoint);
        }
        else
        {
            // Set in code, the endpoint is used as-is: add the signal's path, as the OTEL_EXPORTER_OTLP_ENDPOINT variable would.
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri($"{endpoint}/{signalPath}");
        }
        if (config.OtlpHeaders.Count > 0)
            options.Headers = string.Join(",", config.OtlpHeaders.Select(h => $"{h.Key}={h.Value}"));
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing a provider flushes its exporter (spans still batched, a last metrics export).
        Interlocked.Exchange(ref tracer, null)?.Dispose();
        Interlocked.Exchange(ref meters, null)?.Dispose();
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Telemetry: exporting to {Endpoint} over OTLP {Protocol} (traces: {Traces}, metrics: {Metrics}).")]
    private static partial void Started(ILogger logger, string endpoint, string protocol, bool traces, bool metrics);
}
