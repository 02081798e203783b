using System.ClientModel;
using OpenAI;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Tests.Support;

/// <summary>
/// A gateway of its own for the routing tests: six catalog models over the simulator's three wire
/// formats, a free self-hosted model without the no-training tag, PII detection on, and routes
/// with the cheapest-capable and weighted policies.
/// </summary>
public sealed class RoutingGatewayFixture : IAsyncLifetime
{
    /// <summary>Six catalog models: tiers, prices and tags come from the catalog.</summary>
    public static readonly string[] SmartModels = ["gpt-4.1-mini", "gpt-4.1", "claude-haiku-4-5", "claude-sonnet-4-5", "gemini-2.5-flash", "gemini-2.5-pro"];

    public const string Yaml = """
        providers:
          sim-openai: { kind: openai, base_url: simulator }
          sim-anthropic: { kind: anthropic, base_url: simulator }
          sim-gemini: { kind: gemini, base_url: simulator }
          local: { kind: ollama, base_url: simulator }
        models:
          gpt-4.1-mini: { deployments: [{ provider: sim-openai }] }
          gpt-4.1: { deployments: [{ provider: sim-openai }] }
          claude-haiku-4-5: { deployments: [{ provider: sim-anthropic }] }
          claude-sonnet-4-5: { deployments: [{ provider: sim-anthropic }] }
          gemini-2.5-flash: { deployments: [{ provider: sim-gemini }] }
          gemini-2.5-pro: { deployments: [{ provider: sim-gemini }] }
          # Outside the catalog: free, tier 3, and no data-policy tags, so a prompt with PII must avoid it.
          local-llama:
            deployments: [{ provider: local, model: llama-3.1-8b-instruct, input_price_per_million: 0, output_price_per_million: 0 }]
        routes:
          smart:
            models: [gpt-4.1-mini, gpt-4.1, claude-haiku-4-5, claude-sonnet-4-5, gemini-2.5-flash, gemini-2.5-pro]
            policy: cheapest-capable
            params: { task_tiers: { math: 4, code: 5 } }
          spread:
            models: [gpt-4.1-mini, claude-haiku-4-5, gemini-2.5-flash]
            policy: weighted
          private:
            models: [local-llama, gpt-4.1-mini, gemini-2.5-flash]
            policy: cheapest-capable
        routing:
          pii: { enabled: true, tag: no-training }
        """;

    public RunningGateway Gateway { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Gateway = await GatewayHost.StartAsync(new GatewayStartOptions(ConfigLoader.Parse(Yaml, "routing test config"), "routing test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        Http = new HttpClient { BaseAddress = Gateway.BaseAddress };
    }

    public OpenAIClient OpenAI() =>
        new(new ApiKeyCredential("sk-ignored"), new OpenAIClientOptions { Endpoint = Gateway.OpenAIBaseUrl, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
    }
}
