using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Health;
using Switchyard.Server.Hosting;
using Switchyard.Simulator.Options;
using static Switchyard.Server.Tests.Health.HealthTestGateway;

namespace Switchyard.Server.Tests.Health;

/// <summary>
/// resilience.wait_for_half_open through the server and the simulator, on the gateway's fake clock:
/// the only deployment's breaker is opened by real upstream 500s; the next request waits for the
/// break to end instead of a 503, and is then the half-open trial that closes the breaker.
/// </summary>
public class HalfOpenWaitEndToEndTests
{
    private const string Deployment = "sim/half-open-solo";

    private static string Yaml(bool wait) => $$"""
        server:
          request_timeout_seconds: 60
        providers:
          sim: { kind: openai, base_url: simulator }
        models:
          solo:
            deployments: [{ provider: sim, model: half-open-solo, catalog_id: gpt-4o-mini }]
        resilience:
          max_retries: 0
          wait_for_half_open: {{(wait ? "true" : "false")}}
          max_half_open_wait_seconds: 20
          circuit_breaker: { min_throughput: 2, break_seconds: 15 }
        health_checks:
          enabled: false
        """;

    private static StringContent Chat(bool stream) =>
        new($$"""{"model":"solo","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hello"}]}""",
            System.Text.Encoding.UTF8, "application/json");

    /// <summary>Two real upstream 500s open the breaker (min_throughput 2); then the simulator heals.</summary>
    private static async Task<DateTimeOffset> OpenTheBreakerAsync(RunningGateway gateway, HttpClient http, CancellationToken ct)
    {
        gateway.Simulator!.Options.Models["half-open-solo"] = new SimulatedModelSettings { Faults = new FaultRates { Http500 = 1.0 } };
        for (var i = 0; i < 2; i++)
        {
            using var failed = await http.PostAsync("/v1/chat/completions", Chat(false), ct);
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }
        gateway.Simulator.Options.Models["half-open-solo"] = new SimulatedModelSettings();
        var snapshot = gateway.Services.GetRequiredService<IHealthRegistry>().Snapshot(Deployment);
        Assert.Equal(BreakerState.Open, snapshot.State);
        return snapshot.OpenUntil!.Value;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_waits_for_the_breaker_to_half_open_and_is_its_trial(bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTime();
        await using var gateway = await StartAsync(Yaml(wait: true), time);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var openUntil = await OpenTheBreakerAsync(gateway, http, ct);

        var pending = http.PostAsync("/v1/chat/completions", Chat(stream), ct);
        // The gateway's wait is a timer on its clock, due when the break ends (polled in real time, bounded).
        for (var tries = 0; !time.HasTimerDueAt(openUntil) && tries < 400 && !pending.IsCompleted; tries++) await Task.Delay(25, ct);
        Assert.False(pending.IsCompleted, "answered without waiting for the breaker");
        Assert.True(time.HasTimerDueAt(openUntil));

        time.Advance(openUntil - time.GetUtcNow());
        using var response = await pending;
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gpt-4o-mini", response.Headers.GetValues("x-switchyard-model").Single());
        Assert.Equal("1", response.Headers.GetValues("x-switchyard-attempts").Single());
        Assert.Contains(stream ? "data: [DONE]" : "\"choices\"", body);
        Assert.Equal("closed", State((await HealthAsync(http, ct))[Deployment])); // the trial succeeded
    }

    [Fact]
    public async Task Without_the_setting_the_same_request_gets_the_503_naming_the_open_deployment_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTime();
        await using var gateway = await StartAsync(Yaml(wait: false), time);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var openUntil = await OpenTheBreakerAsync(gateway, http, ct);

        using var response = await http.PostAsync("/v1/chat/completions", Chat(false), ct); // the clock never moves: a wait would hang here
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("all_candidates_unhealthy", body);
        Assert.Contains(Deployment, body);
        Assert.False(time.HasTimerDueAt(openUntil));
    }
}
