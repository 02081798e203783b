using System.Globalization;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Simulator.Options;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>
/// A gateway of the telemetry tests' own (its counters see only these tests' traffic) over the
/// simulator, with a route whose first deployment always fails, so fallbacks show. Route names are
/// unique per gateway: an OTLP collector subscribes to every "Switchyard" meter of the process, so
/// the tests tell their own series apart by route.
/// </summary>
public sealed class TelemetryGateway : IAsyncDisposable
{
    public const string Model = "gpt-4.1-mini";
    public const string FailingDeployment = "sim-anthropic/" + DownUpstream;
    private const string DownUpstream = "claude-always-503";

    public RunningGateway Gateway { get; }
    public HttpClient Http { get; }
    /// <summary>tele-down (always 503), then <see cref="Model"/>.</summary>
    public string FallbackRoute { get; }
    /// <summary><see cref="Model"/> alone.</summary>
    public string PlainRoute { get; }

    private readonly string dataDir;

    private TelemetryGateway(RunningGateway gateway, string suffix, string dataDir)
    {
        this.dataDir = dataDir;
        Gateway = gateway;
        FallbackRoute = "tele-fallback-" + suffix;
        PlainRoute = "tele-plain-" + suffix;
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
    }

    public static async Task<TelemetryGateway> StartAsync(string telemetryYaml = "", Func<string, string?>? environment = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var dataDir = Path.Combine(Path.GetTempPath(), "switchyard-telemetry-" + suffix);
        var yaml = $$"""
            server: { data_dir: "{{dataDir}}" }
            providers:
              sim-openai: { kind: openai, base_url: simulator }
              sim-anthropic: { kind: anthropic, base_url: simulator }
            models:
              {{Model}}:
                deployments: [{ provider: sim-openai, input_price_per_million: 0.40, output_price_per_million: 1.60 }]
              tele-down:
                deployments: [{ provider: sim-anthropic, model: {{DownUpstream}}, input_price_per_million: 3.00, output_price_per_million: 15.00 }]
            routes:
              tele-fallback-{{suffix}}:
                models: [tele-down, {{Model}}]
              tele-plain-{{suffix}}:
                models: [{{Model}}]
            {{telemetryYaml}}
            """;
        var config = ConfigLoader.Parse(yaml, "telemetry test config");
        var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "telemetry test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Environment = environment ?? (_ => null),
        });
        gateway.Simulator!.Options.Models[DownUpstream] = new SimulatedModelSettings { Faults = new FaultRates { Http503 = 1.0 } };
        return new TelemetryGateway(gateway, suffix, dataDir);
    }

    /// <summary>One non-streaming chat request; returns the answer's usage and headers.</summary>
    public async Task<Answer> ChatAsync(string model, string prompt, string? traceparent = null, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = prompt } }, max_tokens = 64, temperature = 0.5 });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (traceparent is not null) request.Headers.Add("traceparent", traceparent);
        using var response = await Http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var requestId = response.Headers.GetValues("x-request-id").Single();
        var attempts = response.Headers.TryGetValues("x-switchyard-attempts", out var a) ? int.Parse(a.Single(), CultureInfo.InvariantCulture) : 0;
        if (status != 200) return new Answer(status, requestId, 0, 0, 0m, attempts);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var usage = json.RootElement.GetProperty("usage");
        var cost = decimal.Parse(response.Headers.GetValues("x-switchyard-cost-usd").Single(), CultureInfo.InvariantCulture);
        return new Answer(status, requestId, usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32(), cost, attempts);
    }

    public async Task<PrometheusTextParser.Exposition> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync("/metrics", cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <param name="Attempts">x-switchyard-attempts: the failing deployment's retries show here.</param>
    public sealed record Answer(int Status, string RequestId, int InputTokens, int OutputTokens, decimal Cost, int Attempts);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } // the request log's SQLite files
    }
}
