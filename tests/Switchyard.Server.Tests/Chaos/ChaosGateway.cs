using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Health;
using Switchyard.Simulator.Options;

namespace Switchyard.Server.Tests.Chaos;

/// <summary>
/// A gateway whose routes mix the failures providers really have, over the in-process simulator.
/// Each deployment has its own upstream model name, so the simulator's per-model faults are per
/// deployment: A answers 30% 500s, B is down (503), C answers 429 with Retry-After, D's connections
/// reset before the first byte (a stream cut before its first chunk), E is healthy. F cuts every
/// stream after its first chunk.
/// </summary>
public sealed class ChaosGateway : IAsyncDisposable
{
    public const double DeadlineSeconds = 10;

    public const string Flaky = "prov-a/chaos-flaky";
    public const string Down = "prov-b/chaos-down";
    public const string Limited = "prov-c/chaos-limited";
    public const string ResetEarly = "prov-d/chaos-reset";
    public const string Healthy = "prov-e/chaos-healthy";
    public const string CutLate = "prov-e/chaos-cut-late";

    /// <summary>The deployments that fail; their breakers should open and, once healed, close.</summary>
    public static readonly string[] Failing = [Down, Limited, ResetEarly];

    private static readonly string Yaml = $$"""
        server:
          request_timeout_seconds: {{DeadlineSeconds}}
        providers:
          prov-a: { kind: openai, base_url: simulator }
          prov-b: { kind: anthropic, base_url: simulator }
          prov-c: { kind: gemini, base_url: simulator }
          prov-d: { kind: openai, base_url: simulator }
          prov-e: { kind: openai, base_url: simulator }
        models:
          flaky:
            deployments: [{ provider: prov-a, model: chaos-flaky, catalog_id: gpt-4.1-mini }]
          down:
            deployments: [{ provider: prov-b, model: chaos-down, catalog_id: claude-haiku-4-5 }]
          limited:
            deployments: [{ provider: prov-c, model: chaos-limited, catalog_id: gemini-2.5-flash }]
          reset-early:
            deployments: [{ provider: prov-d, model: chaos-reset, catalog_id: gpt-4o-mini }]
          healthy:
            deployments: [{ provider: prov-e, model: chaos-healthy, catalog_id: gpt-4o }]
          cut-late:
            deployments: [{ provider: prov-e, model: chaos-cut-late, catalog_id: gpt-4o-mini }]
        routes:
          chaos:
            models: [down, limited, reset-early, flaky, healthy]
            policy: weighted
            session_affinity: false
          doomed:
            models: [down, reset-early]
            session_affinity: false
        resilience:
          circuit_breaker:
            failure_ratio: 0.5
            min_throughput: 5
            window_seconds: 5
            break_seconds: 2
        health_checks:
          enabled: false
        """;

    private ChaosGateway(RunningGateway gateway)
    {
        Gateway = gateway;
        Http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public RunningGateway Gateway { get; }
    public HttpClient Http { get; }
    public SimulatorOptions Simulator => Gateway.Simulator!.Options;

    public static async Task<ChaosGateway> StartAsync()
    {
        var chaos = new ChaosGateway(await HealthTestGateway.StartAsync(Yaml));
        chaos.Break();
        return chaos;
    }

    public void Break()
    {
        Simulator.Models["chaos-flaky"] = new SimulatedModelSettings { Faults = new FaultRates { Http500 = 0.3 } };
        Simulator.Models["chaos-down"] = new SimulatedModelSettings { Faults = new FaultRates { Http503 = 1.0 } };
        Simulator.Models["chaos-limited"] = new SimulatedModelSettings { Faults = new FaultRates { Http429 = 1.0 }, RetryAfterSeconds = 1 };
        Simulator.Models["chaos-reset"] = new SimulatedModelSettings { Faults = new FaultRates { ConnectionReset = 1.0 } };
        Simulator.Models["chaos-healthy"] = new SimulatedModelSettings();
        Simulator.Models["chaos-cut-late"] = new SimulatedModelSettings { Faults = new FaultRates { StreamCut = 1.0 } };
    }

    /// <summary>Every provider recovers.</summary>
    public void Heal()
    {
        foreach (var model in Simulator.Models.Keys) Simulator.Models[model] = new SimulatedModelSettings();
    }

    /// <summary>The official OpenAI .NET SDK, its own retries off, so every figure is the gateway's.</summary>
    public OpenAIClient OpenAI() =>
        new(new ApiKeyCredential("sk-chaos"), new OpenAIClientOptions
        {
            Endpoint = Gateway.OpenAIBaseUrl,
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
    }
}
