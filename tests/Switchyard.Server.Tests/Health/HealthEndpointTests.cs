using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Health;
using static Switchyard.Server.Tests.Health.HealthTestGateway;

namespace Switchyard.Server.Tests.Health;

/// <summary>GET /admin/v1/health, GET and POST …/health/{deployment}[/reset], and admin auth on them.</summary>
public class HealthEndpointTests
{
    public const string Yaml = """
        providers:
          sim: { kind: openai, base_url: simulator }
          sim-anthropic: { kind: anthropic, base_url: simulator }
        models:
          gpt-4.1-mini:
            deployments: [{ provider: sim }]
          claude-haiku-4-5:
            deployments: [{ provider: sim-anthropic }]
          nested:
            deployments: [{ provider: sim, model: vendor/nested-model, catalog_id: gpt-4o-mini }]
        health_checks:
          enabled: false
        """;

    [Fact]
    public async Task The_list_shows_every_deployment_with_state_statistics_and_breaker_in_snake_case()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using (var answer = await http.PostAsync("/v1/chat/completions", Chat("gpt-4.1-mini"), ct)) Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        using var response = await http.GetAsync("/admin/v1/health", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = await HealthAsync(http, ct);
        Assert.Equal(["sim-anthropic/claude-haiku-4-5", "sim/gpt-4.1-mini", "sim/vendor/nested-model"], health.Keys.Order(StringComparer.Ordinal));
        var used = health["sim/gpt-4.1-mini"];
        Assert.Equal("closed", State(used));
        Assert.Equal(1, used.GetProperty("requests").GetInt32());
        Assert.Equal(1.0, used.GetProperty("success_rate").GetDouble());
        Assert.Equal("gpt-4.1-mini", used.GetProperty("model").GetString());
        Assert.Equal("sim", used.GetProperty("provider").GetString());
        foreach (var field in new[] { "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "tokens_per_second", "cost_per_request_usd",
                     "last_error", "last_error_at", "adaptive_weight", "remaining_requests", "open_until", "last_probe" })
            Assert.True(used.TryGetProperty(field, out _), field);
        Assert.Equal(0, health["sim-anthropic/claude-haiku-4-5"].GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Reset_closes_an_open_breaker_of_a_deployment_whose_id_holds_slashes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var registry = gateway.Services.GetRequiredService<IHealthRegistry>();
        registry.RecordProbe("sim/vendor/nested-model", false, "probe failed");
        Assert.Equal("down", State((await HealthAsync(http, ct))["sim/vendor/nested-model"]));

        using (var one = await http.GetAsync("/admin/v1/health/sim/vendor/nested-model", ct))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            using var doc = JsonDocument.Parse(await one.Content.ReadAsStringAsync(ct));
            Assert.Equal("down", State(doc.RootElement));
            Assert.Equal("probe failed", doc.RootElement.GetProperty("last_error").GetString());
        }
        using (var reset = await http.PostAsync("/admin/v1/health/sim/vendor/nested-model/reset", null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            using var doc = JsonDocument.Parse(await reset.Content.ReadAsStringAsync(ct));
            Assert.Equal("closed", State(doc.RootElement));
            Assert.Equal("sim/vendor/nested-model", doc.RootElement.GetProperty("deployment").GetString());
        }
        Assert.False(registry.IsOpen("sim/vendor/nested-model"));
        Assert.Equal("closed", State((await HealthAsync(http, ct))["sim/vendor/nested-model"]));
    }

    [Theory]
    [InlineData("POST", "/admin/v1/health/sim/no-such-model/reset")]
    [InlineData("GET", "/admin/v1/health/sim/no-such-model")]
    [InlineData("POST", "/admin/v1/health/no-slash/reset")]
    public async Task An_unknown_deployment_is_a_404_in_the_openai_error_shape(string method, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("deployment_not_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("GET /admin/v1/health", error.GetProperty("message").GetString());
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task A_post_without_the_reset_action_is_a_404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var response = await http.PostAsync("/admin/v1/health/sim/gpt-4.1-mini", null, ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/reset", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task With_an_admin_key_set_the_health_api_needs_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await StartAsync(Yaml, environment: new Dictionary<string, string> { ["SWITCHYARD_ADMIN_KEY"] = "admin-secret" });
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        using (var none = await http.GetAsync("/admin/v1/health", ct)) Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using (var reset = await http.PostAsync("/admin/v1/health/sim/gpt-4.1-mini/reset", null, ct)) Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "wrong");
        using (var wrong = await http.GetAsync("/admin/v1/health", ct)) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "admin-secret");
        using (var ok = await http.GetAsync("/admin/v1/health", ct))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.DoesNotContain("admin-secret", await ok.Content.ReadAsStringAsync(ct));
        }
    }

    public static StringContent Chat(string model) =>
        new($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}]}""", System.Text.Encoding.UTF8, "application/json");
}
