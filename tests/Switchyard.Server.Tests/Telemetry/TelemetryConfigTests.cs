using Switchyard.Core.Config;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>The telemetry section of the config file: defaults and validation.</summary>
public class TelemetryConfigTests
{
    [Fact]
    public void Defaults_export_nothing_and_serve_an_open_metrics_page()
    {
        var config = ConfigLoader.Parse("{}", "test").Telemetry;
        Assert.Null(config.OtlpEndpoint);
        Assert.Equal("http/protobuf", config.OtlpProtocol);
        Assert.True(config.Prometheus);
        Assert.False(config.MetricsRequiresAdmin);
        Assert.Equal(60, config.ExportIntervalSeconds);
        Assert.Equal("switchyard", config.ServiceName);
    }

    [Fact]
    public void Every_field_binds_from_yaml()
    {
        var config = ConfigLoader.Parse("""
            telemetry:
              otlp_endpoint: http://collector:4318
              otlp_protocol: grpc
              otlp_headers: { x-api-key: abc }
              traces: false
              metrics: true
              export_interval_seconds: 15
              service_name: gw-eu
              prometheus: true
              metrics_requires_admin: true
            """, "test").Telemetry;
        Assert.Equal("http://collector:4318", config.OtlpEndpoint);
        Assert.Equal("grpc", config.OtlpProtocol);
        Assert.Equal("abc", config.OtlpHeaders["x-api-key"]);
        Assert.False(config.Traces);
        Assert.Equal(15, config.ExportIntervalSeconds);
        Assert.Equal("gw-eu", config.ServiceName);
        Assert.True(config.MetricsRequiresAdmin);
    }

    [Theory]
    [InlineData("otlp_endpoint: not-a-url", "telemetry.otlp_endpoint")]
    [InlineData("otlp_endpoint: ftp://collector:4318", "telemetry.otlp_endpoint")]
    [InlineData("otlp_protocol: http/json", "telemetry.otlp_protocol")]
    [InlineData("export_interval_seconds: 0", "telemetry.export_interval_seconds")]
    [InlineData("service_name: ''", "telemetry.service_name")]
    public void Invalid_fields_are_named(string field, string expected)
    {
        var problems = new List<string>();
        ConfigLoader.Parse($"telemetry: {{ {field} }}", "test").Telemetry.Validate(problems);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }
}
