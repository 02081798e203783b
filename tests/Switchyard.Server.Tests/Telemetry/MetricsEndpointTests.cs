using System.Net;

namespace Switchyard.Server.Tests.Telemetry;

/// <summary>GET /metrics end to end: strict Prometheus text, counters that move by exactly the traffic sent.</summary>
public class MetricsEndpointTests
{
    private static (string, string) L(string label, string value) => (label, value);

    [Fact]
    public async Task Parses_as_prometheus_text_and_the_counters_move_with_traffic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await TelemetryGateway.StartAsync();
        var before = await gateway.ScrapeAsync(ct);

        var answers = new List<TelemetryGateway.Answer>();
        for (var i = 0; i < 3; i++) answers.Add(await gateway.ChatAsync(TelemetryGateway.Model, $"Count to {i + 3}, please.", cancellationToken: ct));
        var fallback = await gateway.ChatAsync(gateway.FallbackRoute, "hello", cancellationToken: ct);
        var unknown = await gateway.ChatAsync("no-such-model", "hello", cancellationToken: ct);
        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(200, fallback.Status);
        Assert.Equal(404, unknown.Status);

        // The request log writes its rows a flush interval later; its counters show on /metrics.
        var after = await gateway.ScrapeAsync(ct);
        for (var i = 0; i < 100 && after.Sum("switchyard_request_log_written_total") - before.Sum("switchyard_request_log_written_total") < 5; i++)
        {
            await Task.Delay(50, ct);
            after = await gateway.ScrapeAsync(ct);
        }
        double Delta(string name, params (string, string)[] match) => after.Sum(name, match) - before.Sum(name, match);

        Assert.Equal("counter", after.Types["switchyard_requests_total"]);
        Assert.Equal("counter", after.Types["switchyard_tokens_total"]);
        Assert.Equal("counter", after.Types["switchyard_cost_usd_total"]);
        Assert.Equal("counter", after.Types["switchyard_fallbacks_total"]);
        Assert.Equal("histogram", after.Types["switchyard_request_duration_milliseconds"]);
        Assert.Equal("gauge", after.Types["switchyard_breaker_state"]);
        Assert.All(after.Types.Keys, name => Assert.False(string.IsNullOrEmpty(after.Help[name])));

        var model = L("model", TelemetryGateway.Model);
        Assert.Equal(3, Delta("switchyard_requests_total", L("route", TelemetryGateway.Model), L("status", "200"), model, L("provider", "sim-openai")));
        Assert.Equal(1, Delta("switchyard_requests_total", L("route", gateway.FallbackRoute), L("status", "200"), model));
        Assert.Equal(1, Delta("switchyard_requests_total", L("status", "404")));
        Assert.Equal(5, Delta("switchyard_requests_total"));

        var all = answers.Append(fallback).ToList();
        Assert.Equal(all.Sum(a => a.InputTokens), Delta("switchyard_tokens_total", L("direction", "input"), model));
        Assert.Equal(all.Sum(a => a.OutputTokens), Delta("switchyard_tokens_total", L("direction", "output"), model));
        Assert.True(all.Sum(a => a.InputTokens) > 0);
        Assert.Equal((double)all.Sum(a => a.Cost), Delta("switchyard_cost_usd_total", model), 9);

        Assert.Equal(3, Delta("switchyard_request_duration_milliseconds_count", L("route", TelemetryGateway.Model)));
        Assert.Equal(3, Delta("switchyard_request_duration_milliseconds_bucket", L("route", TelemetryGateway.Model), L("le", "+Inf")));
        Assert.True(Delta("switchyard_request_duration_milliseconds_sum", L("route", TelemetryGateway.Model)) > 0);

        // The failing deployment is tried (and retried) before the fallback answers.
        var failedAttempts = fallback.Attempts - 1;
        Assert.True(failedAttempts >= 1);
        Assert.Equal(3, Delta("switchyard_time_to_first_byte_milliseconds_count", L("route", TelemetryGateway.Model), L("streamed", "false")));
        Assert.Equal(3, Delta("switchyard_gateway_overhead_milliseconds_count", L("route", TelemetryGateway.Model)));
        Assert.Equal(5, Delta("switchyard_request_log_written_total"));
        Assert.Equal(0, Delta("switchyard_request_log_dropped_total"));
        Assert.Equal("counter", after.Types["switchyard_request_log_dropped_total"]);
        Assert.Equal("gauge", after.Types["switchyard_request_log_queue_depth"]);
        Assert.Equal(0, after.Sum("switchyard_request_log_store_down"));

        Assert.Equal(1, Delta("switchyard_fallbacks_total", L("route", gateway.FallbackRoute), L("deployment", TelemetryGateway.FailingDeployment), L("reason", "ServerError")));
        Assert.Equal(failedAttempts - 1, Delta("switchyard_retries_total", L("route", gateway.FallbackRoute), L("deployment", TelemetryGateway.FailingDeployment)));
        Assert.Equal(failedAttempts, Delta("switchyard_attempts_total", L("deployment", TelemetryGateway.FailingDeployment), L("outcome", "ServerError")));
        Assert.Equal(0, Delta("switchyard_attempts_total", L("deployment", TelemetryGateway.FailingDeployment), L("outcome", "ok")));
        Assert.Equal(4, Delta("switchyard_attempts_total", L("outcome", "ok")));

        // The breaker gauge lists the deployments the health registry knows, the failing one among them.
        Assert.Contains(after.Samples, s => s.Name == "switchyard_breaker_state" && s.Labels["deployment"] == TelemetryGateway.FailingDeployment && s.Value is >= 0 and <= 3);
    }

    [Fact]
    public async Task Is_open_by_default_and_behind_the_admin_rule_when_configured()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var open = await TelemetryGateway.StartAsync(environment: name => name == "SWITCHYARD_ADMIN_KEY" ? "s3cret" : null))
        {
            using var response = await open.Http.GetAsync("/metrics", ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var guarded = await TelemetryGateway.StartAsync("telemetry: { metrics_requires_admin: true }",
            name => name == "SWITCHYARD_ADMIN_KEY" ? "s3cret" : null);
        using (var refused = await guarded.Http.GetAsync("/metrics", ct))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", "s3cret");
        using var allowed = await guarded.Http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        PrometheusTextParser.Parse(await allowed.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Can_be_switched_off()
    {
        await using var gateway = await TelemetryGateway.StartAsync("telemetry: { prometheus: false }");
        using var response = await gateway.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Shows_the_runtime_metrics_allocation_gc_and_memory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await TelemetryGateway.StartAsync();
        var before = await gateway.ScrapeAsync(ct);
        for (var i = 0; i < 3; i++) Assert.Equal(200, (await gateway.ChatAsync(TelemetryGateway.Model, "hello", cancellationToken: ct)).Status);
        var after = await gateway.ScrapeAsync(ct);

        Assert.Equal("counter", after.Types["dotnet_gc_heap_total_allocated_bytes_total"]);
        Assert.True(after.Sum("dotnet_gc_heap_total_allocated_bytes_total") > before.Sum("dotnet_gc_heap_total_allocated_bytes_total"));
        Assert.Equal("counter", after.Types["dotnet_gc_pause_time_seconds_total"]);
        Assert.Equal("counter", after.Types["dotnet_gc_collections_total"]);
        Assert.True(after.Sum("dotnet_process_memory_working_set_bytes") > 10_000_000);
        Assert.True(after.Sum("dotnet_process_cpu_time_seconds_total") > 0);
    }
}
