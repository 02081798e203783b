using System.Text.Json;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>A row per request, through a real gateway over the simulator: each wire format, streamed and not, and failures.</summary>
public sealed class RequestLogRowTests(RequestLogGateway fixture) : IClassFixture<RequestLogGateway>
{
    public static TheoryData<string, bool> WireFormatsAndStreaming()
    {
        var data = new TheoryData<string, bool>();
        foreach (var model in new WireFormats()) { data.Add((string)model.Data, false); data.Add((string)model.Data, true); }
        return data;
    }

    [Theory]
    [MemberData(nameof(WireFormatsAndStreaming))]
    public async Task An_answered_request_has_a_complete_row(string model, bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        var (id, status, content) = await fixture.ChatAsync(model, "Write a haiku about switchyards.", stream, ct);
        Assert.Equal(200, status);
        var row = await fixture.RowAsync(id, ct);

        Assert.Equal("chat", row.Endpoint);
        Assert.InRange(row.TimeMs, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(stream, row.Streamed);
        Assert.Equal(200, row.Status);
        Assert.Null(row.Error);
        Assert.Equal(model, row.Route);
        Assert.Equal(model, row.Model);
        Assert.StartsWith("sim-", row.Provider);
        Assert.Equal($"{row.Provider}/{model}", row.Deployment);
        Assert.NotNull(row.Policy);
        Assert.Equal(1, row.AttemptCount);
        using (var attempts = JsonDocument.Parse(row.Attempts!))
        {
            var attempt = Assert.Single(attempts.RootElement.EnumerateArray());
            Assert.Equal(row.Deployment, attempt.GetProperty("deployment").GetString());
            Assert.Equal("ok", attempt.GetProperty("outcome").GetString());
            Assert.Equal(200, attempt.GetProperty("status").GetInt32());
        }
        Assert.Equal([row.Deployment!], JsonSerializer.Deserialize<string[]>(row.Plan!)!);
        Assert.True(row.InputTokens > 0);
        Assert.True(row.OutputTokens > 0);
        Assert.True(row.CostUsd > 0);
        Assert.NotNull(row.CostEstimated);
        Assert.NotNull(row.BaselineCostUsd);
        Assert.Equal(model, row.BaselineModel);
        Assert.True(row.TtftMs > 0 && row.TtftMs <= row.LatencyMs, $"ttft {row.TtftMs} latency {row.LatencyMs}");
        Assert.True(row.UpstreamMs > 0 && row.UpstreamMs <= row.LatencyMs);
        Assert.InRange(row.OverheadMs!.Value, row.LatencyMs - row.UpstreamMs!.Value - 0.02, row.LatencyMs - row.UpstreamMs.Value + 0.02); // each rounded to 0.01 ms
        Assert.Equal(RequestLogGateway.Sha256(content), row.ResponseSha256);
        Assert.Null(row.Prompt); // bodies are off by default
        Assert.Null(row.Response);
        Assert.Null(row.KeyId);
        Assert.Null(row.Validators);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_that_failed_upstream_has_a_row_with_its_attempts_and_error(bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, status, _) = await fixture.ChatAsync("all-down", "Hello?", stream, ct);
        Assert.Equal(502, status);
        var row = await fixture.RowAsync(id, ct);
        Assert.Equal(502, row.Status);
        Assert.NotNull(row.Error);
        Assert.Null(row.Model);
        Assert.Null(row.ResponseSha256);
        Assert.True(row.AttemptCount >= 1);
        using var attempts = JsonDocument.Parse(row.Attempts!);
        Assert.All(attempts.RootElement.EnumerateArray(), a =>
        {
            Assert.NotEqual("ok", a.GetProperty("outcome").GetString());
            Assert.Equal(a.GetProperty("outcome").GetString(), a.GetProperty("error_kind").GetString());
        });
    }

    [Fact]
    public async Task A_fallback_records_both_attempts_and_the_model_that_answered()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, status, _) = await fixture.ChatAsync("down-then-gemini", "Hello?", false, ct);
        Assert.Equal(200, status);
        var row = await fixture.RowAsync(id, ct);
        Assert.Equal(GatewayFixture.GeminiModel, row.Model);
        // claude-down fails every call; once its breaker is open (the all-down tests) the plan skips it, so one or more attempts
        using var attempts = JsonDocument.Parse(row.Attempts!);
        var list = attempts.RootElement.EnumerateArray().ToList();
        Assert.Equal(row.AttemptCount, list.Count);
        Assert.Equal(row.Deployment, list[^1].GetProperty("deployment").GetString());
        Assert.Equal("ok", list[^1].GetProperty("outcome").GetString());
        Assert.All(list[..^1], a => Assert.Contains(GatewayFixture.DownUpstream, a.GetProperty("deployment").GetString()));
    }

    [Fact]
    public async Task An_embeddings_request_has_a_row_with_its_tokens_cost_and_attempt()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        var (id, status) = await EmbedAsync("text-embedding-3-small", ct);
        Assert.Equal(200, status);
        var row = await fixture.RowAsync(id, ct);

        Assert.Equal("embeddings", row.Endpoint);
        Assert.InRange(row.TimeMs, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(200, row.Status);
        Assert.Null(row.Error);
        Assert.False(row.Streamed);
        Assert.Equal("text-embedding-3-small", row.Route);
        Assert.Equal("text-embedding-3-small", row.Model);
        Assert.Equal($"{row.Provider}/text-embedding-3-small", row.Deployment);
        Assert.Equal(1, row.AttemptCount);
        using (var attempts = JsonDocument.Parse(row.Attempts!))
            Assert.Equal("ok", Assert.Single(attempts.RootElement.EnumerateArray()).GetProperty("outcome").GetString());
        Assert.True(row.InputTokens > 0, $"input tokens {row.InputTokens}");
        Assert.True(row.CostUsd > 0, $"cost {row.CostUsd}");
        Assert.False(row.CostEstimated);
        Assert.True(row.LatencyMs > 0);
        Assert.True(row.UpstreamMs > 0 && row.UpstreamMs <= row.LatencyMs);
        Assert.True(row.TtftMs > 0 && row.TtftMs <= row.LatencyMs);
    }

    [Fact]
    public async Task A_refused_embeddings_request_has_a_row_too()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, status) = await EmbedAsync(GatewayFixture.AnthropicModel, ct);
        Assert.Equal(400, status);
        var row = await fixture.RowAsync(id, ct);
        Assert.Equal("embeddings", row.Endpoint);
        Assert.Equal(400, row.Status);
        Assert.Equal(GatewayFixture.AnthropicModel, row.Route);
        Assert.Contains("has no embeddings", row.Error);
        Assert.Equal(0, row.AttemptCount);
        Assert.Null(row.Model);
        Assert.Null(row.CostUsd);
    }

    private async Task<(string Id, int Status)> EmbedAsync(string model, CancellationToken ct)
    {
        var body = $$"""{"model":"{{model}}","input":["the quick brown fox","jumps over the lazy dog"]}""";
        using var response = await fixture.Http.PostAsync("/v1/embeddings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
        await response.Content.ReadAsStringAsync(ct);
        return (response.Headers.GetValues("x-request-id").Single(), (int)response.StatusCode);
    }

    [Fact]
    public async Task A_rejected_request_has_a_row_too()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, status, _) = await fixture.ChatAsync("no-such-model", "Hello?", false, ct);
        Assert.Equal(404, status);
        var row = await fixture.RowAsync(id, ct);
        Assert.Equal(404, row.Status);
        Assert.Null(row.Route);
        Assert.Equal(0, row.AttemptCount);
        Assert.Contains("no-such-model", row.Error);
    }
}

/// <summary>request_log.bodies: prompts and answers stored, redacted.</summary>
public sealed class RequestLogBodiesTests(BodiesGateway fixture) : IClassFixture<BodiesGateway>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bodies_are_stored_with_pii_and_patterns_redacted(bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, status, content) = await fixture.ChatAsync(GatewayFixture.OpenAIModel,
            "Mail jane.doe@example.com the code secret-12345 please.", stream, ct);
        Assert.Equal(200, status);
        var row = await fixture.RowAsync(id, ct);
        Assert.NotNull(row.Prompt);
        Assert.Contains("[REDACTED:EMAIL]", row.Prompt);
        Assert.Contains("the code [REDACTED] please", row.Prompt);
        Assert.DoesNotContain("jane.doe", row.Prompt);
        Assert.DoesNotContain("secret-12345", row.Prompt);
        Assert.NotNull(row.Response); // the simulator echoes the prompt: the answer is redacted the same way
        Assert.Contains("[REDACTED:EMAIL]", row.Response);
        Assert.DoesNotContain("jane.doe", row.Response);
        Assert.Equal(content.Replace("jane.doe@example.com", "[REDACTED:EMAIL]").Replace("secret-12345", "[REDACTED]"), row.Response);
        Assert.Equal(RequestLogGateway.Sha256(content), row.ResponseSha256);
    }
}
