using Microsoft.Extensions.DependencyInjection;
using Switchyard.Server.Health;
using Switchyard.Simulator.Options;
using static Switchyard.Server.Tests.Health.HealthTestGateway;

namespace Switchyard.Server.Tests.Health;

/// <summary>Active health checks through a real gateway and simulator, driven by fake time.</summary>
public class ActiveHealthCheckTests
{
    private const string Yaml = """
        providers:
          sim-openai: { kind: openai, base_url: simulator }
          sim-anthropic: { kind: anthropic, base_url: simulator }
        models:
          steady:
            deployments: [{ provider: sim-openai, model: probe-steady, catalog_id: gpt-4.1-mini }]
          flaky:
            deployments: [{ provider: sim-anthropic, model: probe-flaky, catalog_id: claude-haiku-4-5 }]
          text-embedding-3-small:
            deployments: [{ provider: sim-openai, input_price_per_million: 0.02, output_price_per_million: 0 }]
        health_checks:
          interval_seconds: 30
        """;

    [Fact]
    public async Task A_failed_probe_marks_a_deployment_down_and_a_good_one_brings_it_back_on_the_interval()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTime();
        var outcomes = new CountingOutcomeSink();
        await using var gateway = await StartAsync(Yaml, time, outcomes: outcomes);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        gateway.Simulator!.Options.Models["probe-flaky"] = new SimulatedModelSettings { Faults = new FaultRates { Http503 = 1.0 } };

        // Nothing runs before the first interval has passed.
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200, ct);
        Assert.All((await HealthAsync(http, ct)).Values, d => Assert.Null(LastProbe(d)));

        time.Advance(TimeSpan.FromSeconds(1));
        var health = await WaitForAsync(http, h => h.Values.All(d => LastProbe(d) is not null), TimeSpan.FromSeconds(10), ct);
        Assert.Equal("down", State(health["sim-anthropic/probe-flaky"]));
        var failed = LastProbe(health["sim-anthropic/probe-flaky"])!.Value;
        Assert.False(failed.GetProperty("ok").GetBoolean());
        Assert.Equal("completion", failed.GetProperty("kind").GetString());
        Assert.Contains("sim-anthropic", failed.GetProperty("error").GetString());
        Assert.Equal("closed", State(health["sim-openai/probe-steady"]));
        Assert.True(LastProbe(health["sim-openai/probe-steady"])!.Value.GetProperty("ok").GetBoolean());
        Assert.Equal("embedding", LastProbe(health["sim-openai/text-embedding-3-small"])!.Value.GetProperty("kind").GetString());

        // The provider heals: the next round brings it back.
        gateway.Simulator.Options.Models["probe-flaky"] = new SimulatedModelSettings();
        var firstAt = failed.GetProperty("at").GetDateTimeOffset();
        time.Advance(TimeSpan.FromSeconds(30));
        health = await WaitForAsync(http, h => LastProbe(h["sim-anthropic/probe-flaky"])!.Value.GetProperty("at").GetDateTimeOffset() > firstAt,
            TimeSpan.FromSeconds(10), ct);
        Assert.Equal("closed", State(health["sim-anthropic/probe-flaky"]));
        Assert.True(LastProbe(health["sim-anthropic/probe-flaky"])!.Value.GetProperty("ok").GetBoolean());

        // Probes never reach the request path: accounting (budgets, spend, the request log) saw nothing.
        Assert.Equal(0, outcomes.Count);
    }

    [Fact]
    public async Task A_down_deployment_is_skipped_by_routing_until_a_probe_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync("""
            providers:
              sim: { kind: openai, base_url: simulator }
            models:
              primary:
                deployments: [{ provider: sim, model: probe-primary, catalog_id: gpt-4.1-mini }]
              backup:
                deployments: [{ provider: sim, model: probe-backup, catalog_id: gpt-4o-mini }]
            routes:
              both: { models: [primary, backup] }
            """);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var checks = gateway.Services.GetRequiredService<ActiveHealthChecks>();
        gateway.Simulator!.Options.Models["probe-primary"] = new SimulatedModelSettings { Faults = new FaultRates { ConnectionReset = 1.0 } };
        var results = await checks.RunRoundAsync(ct);
        Assert.Contains(results, r => r.DeploymentId == "sim/probe-primary" && !r.Ok);

        // The upstream heals, but until a probe says so the down deployment gets no traffic.
        gateway.Simulator.Options.Models["probe-primary"] = new SimulatedModelSettings();
        using (var response = await PostChatAsync(http, "both", ct))
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("1", response.Headers.GetValues("x-switchyard-attempts").Single());
            Assert.Equal("gpt-4o-mini", AnsweredBy(response));
        }
        await checks.RunRoundAsync(ct);
        using (var response = await PostChatAsync(http, "both", ct))
            Assert.Equal("gpt-4.1-mini", AnsweredBy(response));
    }

    [Fact]
    public async Task The_models_probe_lists_models_on_the_openai_wire_and_falls_back_to_a_completion_where_the_simulator_has_no_list()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml.Replace("interval_seconds: 30", "probe: models"));
        var results = await gateway.Services.GetRequiredService<ActiveHealthChecks>().RunRoundAsync(ct);
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.Equal(Core.Health.Probes.ProbeKind.ModelList, results.Single(r => r.DeploymentId == "sim-openai/probe-steady").Kind);
        Assert.Equal(Core.Health.Probes.ProbeKind.Completion, results.Single(r => r.DeploymentId == "sim-anthropic/probe-flaky").Kind);
    }

    [Fact]
    public async Task A_probe_that_hangs_fails_at_its_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml.Replace("interval_seconds: 30", "timeout_seconds: 0.5"));
        gateway.Simulator!.Options.Models["probe-steady"] = new SimulatedModelSettings { Faults = new FaultRates { Hang = 1.0 } };
        var started = DateTime.UtcNow;
        var results = await gateway.Services.GetRequiredService<ActiveHealthChecks>().RunRoundAsync(ct);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        var hung = results.Single(r => r.DeploymentId == "sim-openai/probe-steady");
        Assert.False(hung.Ok);
        Assert.Contains("longer than 0.5 s", hung.Error);
    }

    [Fact]
    public async Task Disabled_health_checks_probe_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml.Replace("interval_seconds: 30", "enabled: false"));
        Assert.Empty(await gateway.Services.GetRequiredService<ActiveHealthChecks>().RunRoundAsync(ct));
    }

    private static Task<HttpResponseMessage> PostChatAsync(HttpClient http, string model, CancellationToken ct) =>
        http.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}]}""", System.Text.Encoding.UTF8, "application/json"), ct);

    private static string AnsweredBy(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        return response.Headers.GetValues("x-switchyard-model").Single();
    }
}
