namespace Switchyard.Server.Tests.Telemetry;

/// <summary>Spans and metrics pushed over OTLP/HTTP protobuf to a loopback collector, after real traffic.</summary>
public class OtlpExportTests
{
    private const int Server = 2, Client = 3, StatusError = 2;

    [Fact]
    public async Task Spans_and_metrics_reach_a_loopback_otlp_collector()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var collector = await OtlpReceiver.StartAsync();
        var gateway = await TelemetryGateway.StartAsync($$"""
            telemetry:
              otlp_endpoint: {{collector.BaseAddress.ToString().TrimEnd('/')}}
              export_interval_seconds: 0.2
              service_name: switchyard-otlp-test
            """);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736", callerSpan = "00f067aa0ba902b7";
        TelemetryGateway.Answer fallback, plain;
        try
        {
            fallback = await gateway.ChatAsync(gateway.FallbackRoute, "Tell me a story.", $"00-{traceId}-{callerSpan}-01", ct);
            plain = await gateway.ChatAsync(gateway.PlainRoute, "hello", cancellationToken: ct);
            Assert.Equal(200, fallback.Status);
            Assert.Equal(200, plain.Status);

            // Metrics are pushed on their interval, before any shutdown.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!collector.MetricBodies.Any(b => RequestsOf(b, gateway.FallbackRoute) >= 1 && RequestsOf(b, gateway.PlainRoute) >= 1) && DateTime.UtcNow < deadline)
                await Task.Delay(100, ct);
        }
        finally
        {
            await gateway.DisposeAsync(); // stopping flushes the spans still batched
        }

        Assert.Empty(collector.Refused);
        var metricBody = collector.MetricBodies.Last(b => RequestsOf(b, gateway.FallbackRoute) >= 1 && RequestsOf(b, gateway.PlainRoute) >= 1);
        Assert.Equal("switchyard-otlp-test", OtlpDecoder.ResourceAttributes(metricBody)["service.name"]);
        Assert.Equal(1, RequestsOf(metricBody, gateway.FallbackRoute));
        Assert.Equal(1, RequestsOf(metricBody, gateway.PlainRoute));
        // Other gateways alive in this test process export through this provider too (one stream each, same
        // scope name): token counts carry no route, so they are at least ours here (/metrics checks them exactly).
        var metrics = OtlpDecoder.Metrics(metricBody);
        var tokens = metrics.Where(m => m.Name == "switchyard.tokens").ToList();
        Assert.All(tokens, t => Assert.Equal("sum", t.Kind));
        Assert.True(tokens.SelectMany(t => t.Points).Where(p => (string?)p.Attributes["direction"] == "input" && (string?)p.Attributes["model"] == TelemetryGateway.Model)
            .Sum(p => p.Value) >= fallback.InputTokens + plain.InputTokens);
        Assert.All(metrics.Where(m => m.Name == "switchyard.cost"), m => Assert.Equal("USD", m.Unit));
        Assert.All(metrics.Where(m => m.Name == "switchyard.request.duration"), m => Assert.Equal("histogram", m.Kind));
        Assert.Equal(1, metrics.Where(m => m.Name == "switchyard.fallbacks").SelectMany(m => m.Points)
            .Where(p => (string?)p.Attributes["route"] == gateway.FallbackRoute).Sum(p => p.Value));
        Assert.Equal(2, metrics.Where(m => m.Name == "switchyard.request.duration").SelectMany(m => m.Points)
            .Where(p => (string?)p.Attributes["route"] == gateway.FallbackRoute || (string?)p.Attributes["route"] == gateway.PlainRoute).Sum(p => p.Value));

        // Other gateways in this test process write to the same "Switchyard" source: find ours by request id.
        var spans = collector.TraceBodies.SelectMany(OtlpDecoder.Spans).ToList();
        var request = spans.Single(s => s.Attributes.GetValueOrDefault("switchyard.request_id") as string == fallback.RequestId);
        Assert.Equal($"chat {gateway.FallbackRoute}", request.Name);
        Assert.Equal(Server, request.Kind);
        Assert.Equal(traceId, request.TraceId);
        Assert.Equal(callerSpan, request.ParentSpanId); // the caller's traceparent was honoured
        Assert.Equal("chat", request.Attributes["gen_ai.operation.name"]);
        Assert.Equal(gateway.FallbackRoute, request.Attributes["gen_ai.request.model"]);
        Assert.Equal(64L, request.Attributes["gen_ai.request.max_tokens"]);
        Assert.Equal(0.5, request.Attributes["gen_ai.request.temperature"]);
        Assert.True((double)request.Attributes["switchyard.time_to_first_byte_ms"]! > 0);
        Assert.True((double)request.Attributes["switchyard.overhead_ms"]! >= 0);
        Assert.Equal(TelemetryGateway.Model, request.Attributes["gen_ai.response.model"]);
        Assert.Equal("openai", request.Attributes["gen_ai.provider.name"]);
        Assert.Equal("openai", request.Attributes["gen_ai.system"]);
        Assert.Equal((long)fallback.InputTokens, request.Attributes["gen_ai.usage.input_tokens"]);
        Assert.Equal((long)fallback.OutputTokens, request.Attributes["gen_ai.usage.output_tokens"]);
        Assert.Equal(gateway.FallbackRoute, request.Attributes["switchyard.route"]);
        Assert.Equal("fixed", request.Attributes["switchyard.policy"]);
        Assert.Equal((long)fallback.Attempts, request.Attributes["switchyard.attempts"]);
        Assert.Equal((double)fallback.Cost, (double)request.Attributes["switchyard.cost_usd"]!, 12);
        Assert.Equal(200L, request.Attributes["http.response.status_code"]);
        Assert.False(request.Attributes.ContainsKey("error.type"));

        var attempts = spans.Where(s => s.ParentSpanId == request.SpanId).OrderBy(s => s.StartNanos).ToList();
        Assert.Equal(fallback.Attempts, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(Client, a.Kind);
            Assert.Equal(traceId, a.TraceId);
            Assert.InRange(a.StartNanos, request.StartNanos, request.EndNanos);
            Assert.InRange(a.EndNanos, a.StartNanos, request.EndNanos);
        });
        var answered = attempts[^1];
        Assert.All(attempts[..^1], failed =>
        {
            Assert.Equal(TelemetryGateway.FailingDeployment, failed.Attributes["switchyard.deployment"]);
            Assert.Equal("anthropic", failed.Attributes["gen_ai.provider.name"]);
            Assert.Equal("ServerError", failed.Attributes["error.type"]);
            Assert.Equal(503L, failed.Attributes["http.response.status_code"]);
            Assert.Equal(StatusError, failed.StatusCode);
        });
        Assert.Equal(Enumerable.Range(1, attempts.Count).Select(i => (long)i), attempts.Select(a => (long)a.Attributes["switchyard.attempt"]!));
        Assert.Equal($"chat {TelemetryGateway.Model}", answered.Name);
        Assert.Equal("sim-openai/" + TelemetryGateway.Model, answered.Attributes["switchyard.deployment"]);
        Assert.Equal((long)fallback.OutputTokens, answered.Attributes["gen_ai.usage.output_tokens"]);
        Assert.False(answered.Attributes.ContainsKey("error.type"));

        // Without a traceparent the request span starts a trace of its own.
        var root = spans.Single(s => s.Attributes.GetValueOrDefault("switchyard.request_id") as string == plain.RequestId);
        Assert.Equal("", root.ParentSpanId);
        Assert.NotEqual(traceId, root.TraceId);
    }

    private static double RequestsOf(byte[] body, string route) =>
        OtlpDecoder.Metrics(body).Where(m => m.Name == "switchyard.requests")
            .SelectMany(m => m.Points).Where(p => (string?)p.Attributes["route"] == route).Sum(p => p.Value);
}
