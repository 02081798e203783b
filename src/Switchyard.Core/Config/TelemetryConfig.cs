namespace Switchyard.Core.Config;

/// <summary>
/// Traces and metrics: OTLP export when an endpoint is set, and the Prometheus <c>/metrics</c> page.
/// Read once at start-up (a config reload does not change it).
/// </summary>
public sealed record TelemetryConfig
{
    /// <summary>The OTLP collector, e.g. http://127.0.0.1:4318 (http/protobuf; /v1/traces and /v1/metrics are appended). Default none: nothing is exported.</summary>
    public string? OtlpEndpoint { get; init; }
    /// <summary>"http/protobuf" (default) or "grpc" (the endpoint is then used as-is, usually port 4317).</summary>
    public string OtlpProtocol { get; init; } = TelemetryProtocols.HttpProtobuf;
    /// <summary>Headers sent with every export (e.g. a hosted collector's API key). Default none.</summary>
    public Dictionary<string, string> OtlpHeaders { get; init; } = [];
    /// <summary>Export spans over OTLP (when an endpoint is set). Default true.</summary>
    public bool Traces { get; init; } = true;
    /// <summary>Export metrics over OTLP (when an endpoint is set). Default true.</summary>
    public bool Metrics { get; init; } = true;
    /// <summary>How often metrics are pushed over OTLP. Default 60 s.</summary>
    public double ExportIntervalSeconds { get; init; } = 60;
    /// <summary>The service.name resource attribute. Default "switchyard".</summary>
    public string ServiceName { get; init; } = "switchyard";
    /// <summary>Serve GET /metrics in the Prometheus text format. Default true.</summary>
    public bool Prometheus { get; init; } = true;
    /// <summary>Put /metrics behind the admin API's rule (bearer admin key, or loopback only when none is set). Default false: open, like most gateways.</summary>
    public bool MetricsRequiresAdmin { get; init; }

    /// <summary>Adds a line per invalid field to <paramref name="problems"/>.</summary>
    public void Validate(List<string> problems)
    {
        if (OtlpEndpoint is not null && (!Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            problems.Add($"telemetry.otlp_endpoint: '{OtlpEndpoint}' is not an absolute http(s) URL");
        if (OtlpProtocol is not (TelemetryProtocols.HttpProtobuf or TelemetryProtocols.Grpc))
            problems.Add($"telemetry.otlp_protocol: '{OtlpProtocol}' is not one of {TelemetryProtocols.HttpProtobuf}, {TelemetryProtocols.Grpc}");
        if (!(ExportIntervalSeconds > 0)) problems.Add("telemetry.export_interval_seconds: must be positive");
        if (string.IsNullOrWhiteSpace(ServiceName)) problems.Add("telemetry.service_name: must not be empty");
    }
}

public static class TelemetryProtocols
{
    public const string HttpProtobuf = "http/protobuf";
    public const string Grpc = "grpc";
}
