using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Cli.Commands;
using Switchyard.Server.Tests.Support;
using Switchyard.Storage.Rows;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>POST /v1/feedback, GET /admin/v1/spend and the logs export, with `switchyard spend` and `switchyard logs export`.</summary>
public sealed class RequestLogApiTests(BodiesGateway fixture) : IClassFixture<BodiesGateway>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> FeedbackAsync(string json) =>
        fixture.Http.PostAsync("/v1/feedback", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? param)
    {
        Assert.Equal(status, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("type", out _));
        if (param is not null) Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Feedback_is_stored_against_the_request()
    {
        var (id, _, _) = await fixture.ChatAsync(GatewayFixture.OpenAIModel, "Is this right?", false, Ct);
        // straight after the answer: the row may still be queued; the endpoint flushes before answering 404
        using var response = await FeedbackAsync($$"""{"request_id":"{{id}}","score":0.75,"label":"good","comment":"fine"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Feedback(id, 0.75, "good", "fine", 0), (await fixture.Store.FindFeedbackAsync(id, Ct))! with { TimeMs = 0 });
    }

    [Fact]
    public async Task Feedback_for_an_unknown_request_is_404_and_a_bad_score_400()
    {
        var (id, _, _) = await fixture.ChatAsync(GatewayFixture.OpenAIModel, "Hi", false, Ct);
        await AssertErrorAsync(await FeedbackAsync("""{"request_id":"req_nope","score":1}"""), HttpStatusCode.NotFound, "request_not_found", "request_id");
        foreach (var score in new[] { "1.5", "-0.1", "\"high\"", "null" })
            await AssertErrorAsync(await FeedbackAsync($$"""{"request_id":"{{id}}","score":{{score}}}"""), HttpStatusCode.BadRequest, "invalid_score", "score");
        await AssertErrorAsync(await FeedbackAsync($$"""{"request_id":"{{id}}"}"""), HttpStatusCode.BadRequest, "invalid_score", "score");
        await AssertErrorAsync(await FeedbackAsync("""{"score":1}"""), HttpStatusCode.BadRequest, "invalid_request", "request_id");
        await AssertErrorAsync(await FeedbackAsync("{not json"), HttpStatusCode.BadRequest, "invalid_request", null);
    }

    [Fact]
    public async Task Spend_answers_the_sums_of_the_rows_by_model()
    {
        var from = DateTimeOffset.UtcNow.AddMilliseconds(-5);
        var ids = new List<string>();
        foreach (var (model, stream) in new[] { (GatewayFixture.OpenAIModel, false), (GatewayFixture.OpenAIModel, true), (GatewayFixture.AnthropicModel, false),
                     (GatewayFixture.GeminiModel, true), ("all-down", false), (GatewayFixture.GeminiModel, false) })
            ids.Add((await fixture.ChatAsync(model, "Count the cost of " + model, stream, Ct)).Id);
        var rows = new List<RequestLogRow>();
        foreach (var id in ids) rows.Add(await fixture.RowAsync(id, Ct));
        var fromText = from.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        using var response = await fixture.Http.GetAsync($"/admin/v1/spend?from={fromText}&group_by=model", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var total = doc.RootElement.GetProperty("total");
        Assert.Equal(rows.Count, total.GetProperty("requests").GetInt64());
        Assert.Equal(1, total.GetProperty("errors").GetInt64());
        Assert.Equal(rows.Sum(r => r.CostUsd ?? 0), total.GetProperty("cost_usd").GetDouble(), 9);
        Assert.Equal(rows.Sum(r => (long)(r.InputTokens ?? 0)), total.GetProperty("input_tokens").GetInt64());
        Assert.Equal(rows.Sum(r => (long)(r.OutputTokens ?? 0)), total.GetProperty("output_tokens").GetInt64());
        Assert.Equal(rows.Sum(r => (r.BaselineCostUsd ?? 0) - (r.BaselineCostUsd is null ? 0 : r.CostUsd ?? 0)), total.GetProperty("savings_usd").GetDouble(), 9);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToList();
        foreach (var byModel in rows.GroupBy(r => r.Model))
        {
            var group = Assert.Single(groups, g => g.GetProperty("key").GetProperty("model").GetString() == byModel.Key);
            Assert.Equal(byModel.Count(), group.GetProperty("requests").GetInt64());
            Assert.Equal(byModel.Sum(r => r.CostUsd ?? 0), group.GetProperty("cost_usd").GetDouble(), 9);
            Assert.True(group.GetProperty("latency_p50_ms").GetDouble() > 0);
            Assert.True(group.GetProperty("latency_p95_ms").GetDouble() >= group.GetProperty("latency_p50_ms").GetDouble());
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await SpendCommand.RunAsync(fixture.Gateway.BaseAddress.ToString(), fromText, null, "model,provider", false, null, stdout, stderr, Ct));
        var table = stdout.ToString();
        Assert.Contains("model", table);
        Assert.Contains(GatewayFixture.AnthropicModel, table);
        Assert.Contains("total", table);
        Assert.Contains(rows.Count.ToString(CultureInfo.InvariantCulture), table);
    }

    [Fact]
    public async Task Spend_refuses_an_unknown_group_and_a_bad_time()
    {
        await AssertErrorAsync(await fixture.Http.GetAsync("/admin/v1/spend?group_by=colour", Ct), HttpStatusCode.BadRequest, "invalid_request", null);
        await AssertErrorAsync(await fixture.Http.GetAsync("/admin/v1/spend?from=yesterday-ish", Ct), HttpStatusCode.BadRequest, "invalid_request", null);
    }

    [Fact]
    public async Task Export_writes_routing_data_from_the_api_and_offline()
    {
        var (id, _, _) = await fixture.ChatAsync(GatewayFixture.AnthropicModel, "Solve 12*7 for the export.", false, Ct);
        (await FeedbackAsync($$"""{"request_id":"{{id}}","score":1,"label":"correct"}""")).EnsureSuccessStatusCode();

        var file = Path.Combine(fixture.DataDir, "export.jsonl");
        var stderr = new StringWriter();
        Assert.Equal(0, await LogsCommand.ExportAsync(file, fixture.Gateway.BaseAddress.ToString(), null, null, null, null, new StringWriter(), stderr, Ct));
        var line = Assert.Single(File.ReadAllLines(file), l => l.Contains(id, StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal("switchyard", root.GetProperty("source").GetString());
        Assert.Equal("Solve 12*7 for the export.", root.GetProperty("prompt").GetString());
        Assert.Contains(root.GetProperty("split").GetString(), new[] { "train", "test" });
        var result = root.GetProperty("results").GetProperty(GatewayFixture.AnthropicModel);
        Assert.Equal(1, result.GetProperty("score").GetDouble());
        Assert.True(result.GetProperty("cost_usd").GetDouble() > 0);
        Assert.Contains("row(s) written", stderr.ToString());

        var offline = new StringWriter();
        Assert.Equal(0, await LogsCommand.ExportAsync(null, "http://unused", fixture.DataDir, null, null, null, offline, new StringWriter(), Ct));
        Assert.Contains(line, offline.ToString());
    }
}

/// <summary>With body logging off (the default), export says why it skipped rows that have feedback.</summary>
public sealed class RequestLogExportWithoutBodiesTests(RequestLogGateway fixture) : IClassFixture<RequestLogGateway>
{
    [Fact]
    public async Task Export_says_clearly_that_body_logging_was_off()
    {
        var ct = TestContext.Current.CancellationToken;
        var (id, _, _) = await fixture.ChatAsync(GatewayFixture.OpenAIModel, "Hello", false, ct);
        using var feedback = await fixture.Http.PostAsync("/v1/feedback",
            new StringContent($$"""{"request_id":"{{id}}","score":0}""", Encoding.UTF8, "application/json"), ct);
        feedback.EnsureSuccessStatusCode();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await LogsCommand.ExportAsync(null, fixture.Gateway.BaseAddress.ToString(), null, null, null, null, stdout, stderr, ct));
        Assert.Equal("", stdout.ToString());
        Assert.Contains("0 row(s) written", stderr.ToString());
        Assert.Contains("body logging was off", stderr.ToString());
        Assert.Contains("request_log.bodies: true", stderr.ToString());
    }
}
