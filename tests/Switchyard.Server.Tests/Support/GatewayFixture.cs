using System.ClientModel;
using OpenAI;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Simulator.Options;

namespace Switchyard.Server.Tests.Support;

/// <summary>
/// One real gateway on a loopback port, over the built-in simulator speaking each of the three wire
/// formats, shared by the end-to-end tests. Clients talk to it over real HTTP.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    /// <summary>One model per wire format; each test theory runs against all three.</summary>
    public const string OpenAIModel = "gpt-4.1-mini";
    public const string AnthropicModel = "claude-haiku-4-5";
    public const string GeminiModel = "gemini-2.5-flash";

    public static readonly string Yaml = $$"""
        server:
          max_request_body_bytes: 1048576
        # These tests count the attempts of the fallback path itself, and claude-down must keep being
        # tried: retries, breakers and probes have tests of their own (Core Execution/Health, Health,
        # the chaos tests).
        resilience:
          max_retries: 0
          circuit_breaker: { enabled: false }
        health_checks: { enabled: false }
        providers:
          sim-openai: { kind: openai, base_url: simulator }
          sim-anthropic: { kind: anthropic, base_url: simulator }
          sim-gemini: { kind: gemini, base_url: simulator }
        models:
          {{OpenAIModel}}:
            deployments: [{ provider: sim-openai, input_price_per_million: 0.40, output_price_per_million: 1.60, max_output_tokens: 32768 }]
          {{AnthropicModel}}:
            deployments: [{ provider: sim-anthropic, input_price_per_million: 1.00, output_price_per_million: 5.00, max_output_tokens: 64000 }]
          {{GeminiModel}}:
            deployments: [{ provider: sim-gemini, input_price_per_million: 0.30, output_price_per_million: 2.50, max_output_tokens: 65535 }]
          text-embedding-3-small:
            deployments: [{ provider: sim-openai, input_price_per_million: 0.02, output_price_per_million: 0 }]
          claude-down:
            deployments: [{ provider: sim-anthropic, model: {{DownUpstream}}, input_price_per_million: 3.00, output_price_per_million: 15.00 }]
          disconnect-probe:
            deployments: [{ provider: sim-openai, model: {{DisconnectUpstream}}, input_price_per_million: 0, output_price_per_million: 0 }]
        routes:
          everywhere:
            models: [{{AnthropicModel}}, {{GeminiModel}}, {{OpenAIModel}}]
          down-then-gemini:
            models: [claude-down, {{GeminiModel}}]
          all-down:
            models: [claude-down]
        """;

    /// <summary>An upstream model the simulator answers with 503 on every call.</summary>
    public const string DownUpstream = "claude-always-503";
    /// <summary>An upstream model only the client-disconnect test uses, so its statistics are its own.</summary>
    public const string DisconnectUpstream = "gpt-disconnect-probe";

    public RunningGateway Gateway { get; private set; } = null!;
    /// <summary>Every request's outcome, as accounting received it.</summary>
    public RecordingOutcomeSink Outcomes { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    /// <summary>Straight to the simulator, for its /_sim/ statistics.</summary>
    public HttpClient SimulatorHttp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var config = ConfigLoader.Parse(Yaml, "test config");
        Gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            OutcomeSinks = [Outcomes],
        });
        Http = new HttpClient { BaseAddress = Gateway.BaseAddress };
        SimulatorHttp = new HttpClient { BaseAddress = Gateway.Simulator!.BaseAddress };
        Gateway.Simulator.Options.Models[DownUpstream] = new SimulatedModelSettings { Faults = new FaultRates { Http503 = 1.0 } };
    }

    /// <summary>The official OpenAI .NET SDK pointed at the gateway: only the base URL changes.</summary>
    public OpenAIClient OpenAI() =>
        new(new ApiKeyCredential("sk-any-key-the-gateway-ignores"), new OpenAIClientOptions { Endpoint = Gateway.OpenAIBaseUrl, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        SimulatorHttp.Dispose();
        await Gateway.DisposeAsync();
    }
}
