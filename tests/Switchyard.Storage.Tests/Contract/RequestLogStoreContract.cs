using Switchyard.Storage.Export;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using Switchyard.Storage.Sql;
using Switchyard.Storage.Tests.Support;
using static Switchyard.Storage.Tests.Support.TestRows;

namespace Switchyard.Storage.Tests.Contract;

/// <summary>What every request log store must do; SQLite and PostgreSQL run these same tests.</summary>
public abstract class RequestLogStoreContract : IAsyncLifetime
{
    protected IRequestLogStore Store { get; private set; } = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IRequestLogStore> CreateStoreAsync();

    /// <summary>Runs a statement against <see cref="Store"/>'s database directly (to set up an older schema).</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    public async ValueTask InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await Store.DisposeAsync();

    [Fact]
    public async Task Migrations_are_recorded_and_applying_them_again_changes_nothing()
    {
        await Store.MigrateAsync(Ct);
        var versions = await ((SqlRequestLogStore)Store).SchemaVersionsAsync(Ct);
        Assert.Equal(RequestLogSchema.Migrations.Select(m => m.Version), versions);
    }

    [Fact]
    public async Task A_row_comes_back_with_every_column()
    {
        var row = Row("req_all") with
        {
            KeyId = "key_1", Project = "proj", Arm = "B", Rule = "code-rule", Streamed = true, CostEstimated = true,
            Validators = "[{\"validator\":\"json\",\"ok\":true}]", Error = "boom", Status = 502, Prompt = "[{\"role\":\"user\",\"content\":\"hi\"}]", Response = "hello",
        };
        await Store.WriteAsync([row], Ct);
        var back = await Store.FindAsync("req_all", Ct);
        Assert.Equal(row, back);
    }

    [Fact]
    public async Task Text_of_any_length_and_script_comes_back_unchanged()
    {
        // Longer than the writer's first UTF-8 buffer, with two- three- and four-byte characters.
        var prompt = "[{\"role\":\"user\",\"content\":\"" + string.Concat(Enumerable.Repeat("héllo 世界 🚀 ", 800)) + "\"}]";
        var rows = new[]
        {
            Row("req_long") with { Prompt = prompt, Response = new string('z', 5_000), Error = "naïve ✓" },
            Row("req_short") with { Prompt = "[]", Response = "ok" }, // after the long one: nothing of it may linger
        };
        await Store.WriteAsync(rows, Ct);
        Assert.Equal(rows[0], await Store.FindAsync("req_long", Ct));
        Assert.Equal(rows[1], await Store.FindAsync("req_short", Ct));
    }

    [Fact]
    public async Task Nullable_columns_stay_null()
    {
        var row = new RequestLogRow { Id = "req_min", TimeMs = 1, Endpoint = "chat", Status = 400, LatencyMs = 3 };
        await Store.WriteAsync([row], Ct);
        Assert.Equal(row, await Store.FindAsync("req_min", Ct));
        Assert.Null(await Store.FindAsync("nope", Ct));
    }

    [Fact]
    public async Task Writing_a_row_twice_keeps_one_so_replays_are_idempotent()
    {
        await Store.WriteAsync([Row("a"), Row("b")], Ct);
        await Store.WriteAsync([Row("b"), Row("c")], Ct);
        Assert.Equal(3, await Store.CountAsync(Ct));
    }

    [Fact]
    public async Task Feedback_is_stored_against_its_request_and_the_latest_wins()
    {
        await Store.WriteAsync([Row("r1")], Ct);
        Assert.False(await Store.SaveFeedbackAsync(new Feedback("unknown", 1, null, null, 5), Ct));
        Assert.True(await Store.SaveFeedbackAsync(new Feedback("r1", 0.2, "bad", "wrong answer", 5), Ct));
        Assert.True(await Store.SaveFeedbackAsync(new Feedback("r1", 0.9, "good", null, 6), Ct));
        Assert.Equal(new Feedback("r1", 0.9, "good", null, 6), await Store.FindFeedbackAsync("r1", Ct));
        Assert.Null(await Store.FindFeedbackAsync("unknown", Ct));
    }

    [Fact]
    public async Task Spend_matches_sums_computed_by_hand()
    {
        var rows = SpendRows();
        await Store.WriteAsync(rows, Ct);
        var query = new SpendQuery(Epoch, Epoch.AddDays(1), [SpendDimension.Model]);
        var report = await Store.SpendAsync(query, Ct);

        var inRange = rows.Where(r => r.TimeMs >= Epoch.ToUnixTimeMilliseconds() && r.TimeMs < Epoch.AddDays(1).ToUnixTimeMilliseconds()).ToList();
        AssertLine(inRange, report.Total);
        var expectedGroups = inRange.GroupBy(r => r.Model).ToList();
        Assert.Equal(expectedGroups.Count, report.Groups.Count);
        foreach (var group in expectedGroups)
            AssertLine(group.ToList(), Assert.Single(report.Groups, g => g.Key["model"] == group.Key));
        // highest cost first
        Assert.Equal(report.Groups.OrderByDescending(g => g.CostUsd).Select(g => g.CostUsd), report.Groups.Select(g => g.CostUsd));
    }

    [Fact]
    public async Task Spend_groups_by_several_dimensions_and_time_buckets()
    {
        var rows = SpendRows();
        await Store.WriteAsync(rows, Ct);
        var report = await Store.SpendAsync(new SpendQuery(Epoch.AddDays(-10), Epoch.AddDays(10),
            SpendDimension.Parse("provider,route,policy,arm,key,project,bucket:hour")), Ct);
        var expected = rows.GroupBy(r => (r.Provider, r.Route, r.Policy, r.Arm, r.KeyId, r.Project, Hour: r.TimeMs / 3_600_000 * 3_600_000)).ToList();
        Assert.Equal(expected.Count, report.Groups.Count);
        foreach (var g in expected)
        {
            var hour = DateTimeOffset.FromUnixTimeMilliseconds(g.Key.Hour).ToString("yyyy-MM-ddTHH:mm:ssZ");
            var line = Assert.Single(report.Groups, l => l.Key["provider"] == g.Key.Provider && l.Key["route"] == g.Key.Route && l.Key["policy"] == g.Key.Policy
                && l.Key["arm"] == g.Key.Arm && l.Key["key"] == g.Key.KeyId && l.Key["project"] == g.Key.Project && l.Key["bucket:hour"] == hour);
            AssertLine(g.ToList(), line);
        }
        var days = await Store.SpendAsync(new SpendQuery(Epoch.AddDays(-10), Epoch.AddDays(10), [SpendDimension.Day]), Ct);
        Assert.Equal(rows.Select(r => r.TimeMs / 86_400_000).Distinct().Count(), days.Groups.Count);
        AssertLine(rows, days.Total);
    }

    [Fact]
    public async Task Latency_percentiles_are_within_two_percent()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 2000).Select(i => Row($"lat{i}", Epoch.AddSeconds(i), latencyMs: Math.Round(5 + random.NextDouble() * random.NextDouble() * 3000, 2))).ToList();
        await Store.WriteAsync(rows, Ct);
        var report = await Store.SpendAsync(new SpendQuery(Epoch, Epoch.AddDays(1), []), Ct);
        var sorted = rows.Select(r => r.LatencyMs).Order().ToArray();
        double Exact(double q) => sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
        Assert.InRange(report.Total.LatencyP50Ms!.Value, Exact(0.5) * 0.98, Exact(0.5) * 1.02);
        Assert.InRange(report.Total.LatencyP95Ms!.Value, Exact(0.95) * 0.98, Exact(0.95) * 1.02);
    }

    [Fact]
    public async Task An_empty_range_answers_zero_requests()
    {
        await Store.WriteAsync(SpendRows(), Ct);
        var report = await Store.SpendAsync(new SpendQuery(Epoch.AddYears(1), Epoch.AddYears(1).AddDays(1), [SpendDimension.Model]), Ct);
        Assert.Empty(report.Groups);
        Assert.Equal(0, report.Total.Requests);
        Assert.Null(report.Total.LatencyP50Ms);
    }

    [Fact]
    public async Task Export_writes_rows_with_feedback_and_prompt_and_says_what_it_skipped()
    {
        await Store.WriteAsync(
        [
            Row("with-prompt", prompt: "[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"What is 2+2?\"}]"),
            Row("no-prompt"),
            Row("no-feedback", prompt: "[{\"role\":\"user\",\"content\":\"x\"}]"),
            Row("failed", model: null, status: 502, prompt: "[{\"role\":\"user\",\"content\":\"y\"}]"),
        ], Ct);
        await Store.SaveFeedbackAsync(new Feedback("with-prompt", 1, "correct", "nice", 1), Ct);
        await Store.SaveFeedbackAsync(new Feedback("no-prompt", 0, null, null, 1), Ct);
        await Store.SaveFeedbackAsync(new Feedback("failed", 0, null, null, 1), Ct);
        var output = new StringWriter { NewLine = "\n" };
        var summary = await RoutingDataExporter.ExportAsync(Store, DateTimeOffset.MinValue.AddYears(1970), Epoch.AddYears(1), output, Ct);

        Assert.Equal(new ExportSummary(1, 1, 1), summary);
        Assert.Contains("body logging was off", summary.Describe());
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            "{\"id\":\"with-prompt\",\"source\":\"switchyard\",\"task\":\"coding\",\"split\":\"" + RoutingDataExporter.Split("with-prompt") +
            "\",\"prompt\":\"What is 2+2?\",\"results\":{\"gpt-4.1-mini\":{\"score\":1,\"cost_usd\":0.001}},\"cost_basis\":\"measured\",\"label\":\"correct\",\"comment\":\"nice\"}",
            line);
    }

    [Fact]
    public async Task Spend_over_whole_hours_partial_hours_and_both_matches_the_rows_for_every_group_by()
    {
        var rows = HourEdgeRows();
        await Store.WriteAsync(rows, Ct);
        var ranges = new[]
        {
            (Epoch, Epoch.AddHours(6)), // whole hours only: the rollup
            (Epoch.AddMinutes(25), Epoch.AddHours(5).AddMinutes(10)), // starts and ends mid-hour: rows, rollup, rows
            (Epoch.AddHours(1), Epoch.AddHours(3).AddMilliseconds(1)), // ends one millisecond into an hour
            (Epoch.AddHours(2).AddMilliseconds(-1), Epoch.AddHours(4)), // starts on the last millisecond of an hour
            (Epoch.AddMinutes(10), Epoch.AddMinutes(50)), // within one hour: rows only
        };
        foreach (var groupBy in new[] { "", "model", "model,provider,bucket:day", "key,project", "route,policy,arm,bucket:hour",
                     "model,route,arm", "model,key", "project,bucket:hour" })
        foreach (var (from, to) in ranges)
            await AssertReportAsync(rows, from, to, groupBy);
    }

    [Fact]
    public async Task Spend_grouped_across_rollup_sets_reads_whole_days_and_matches_the_rows()
    {
        // 4 days with rows on the first and last millisecond of days; model with key is in no hourly set.
        var rows = HourEdgeRows().Select(r => r with { TimeMs = r.TimeMs + (r.TimeMs % 4) * 86_400_000 + (r.TimeMs % 3 == 0 ? 18 * 3_600_000 : 0) }).ToList();
        rows.Add(Row("day-first", Epoch.AddDays(1), keyId: "key_1", project: "p1"));
        rows.Add(Row("day-last", Epoch.AddDays(2).AddMilliseconds(-1), keyId: "key_1", project: "p1"));
        await Store.WriteAsync(rows, Ct);
        var ranges = new[]
        {
            (Epoch, Epoch.AddDays(4)), // whole days
            (Epoch.AddHours(5).AddMinutes(30), Epoch.AddDays(3).AddHours(2)), // partial days at both ends
            (Epoch.AddDays(1).AddMilliseconds(-1), Epoch.AddDays(2).AddMilliseconds(1)),
            (Epoch.AddHours(1), Epoch.AddHours(20)), // within one day: rows only
        };
        foreach (var groupBy in new[] { "model,key", "model,key,project,route,policy,arm,provider,bucket:day", "arm,project", "model,key,bucket:hour", "bucket:day" })
        foreach (var (from, to) in ranges)
            await AssertReportAsync(rows, from, to, groupBy);
    }

    [Fact]
    public async Task Replayed_rows_are_counted_once_in_the_rollup()
    {
        var rows = HourEdgeRows();
        await Store.WriteAsync(rows[..40], Ct);
        await Store.WriteAsync(rows[30..], Ct); // 30..39 again, as a spill replay would
        await Store.WriteAsync(rows, Ct);
        var twice = Row("twice-in-one-batch", Epoch.AddHours(2));
        await Store.WriteAsync([twice, twice], Ct);
        rows.Add(twice);
        Assert.Equal(rows.Count, await Store.CountAsync(Ct));
        await AssertReportAsync(rows, Epoch, Epoch.AddHours(6), "model");
        await AssertReportAsync(rows, Epoch, Epoch.AddHours(6), "");
        await AssertReportAsync(rows, Epoch, Epoch.AddDays(1), "model,key");
    }

    [Fact]
    public async Task Migrating_a_database_that_has_rows_builds_the_rollup_from_them()
    {
        var rows = HourEdgeRows();
        await Store.WriteAsync(rows, Ct);
        // Back to the schema before the rollup (version 1 with its rows), then migrate as an upgrade would.
        await ExecuteSqlAsync("DROP TABLE spend_rollup");
        await ExecuteSqlAsync("DELETE FROM schema_version WHERE version = 2");
        await Store.MigrateAsync(Ct);
        Assert.Equal(RequestLogSchema.Migrations.Select(m => m.Version), await ((SqlRequestLogStore)Store).SchemaVersionsAsync(Ct));
        foreach (var groupBy in new[] { "", "model", "key,project", "route,policy,arm,bucket:hour", "model,provider,route,policy,arm,bucket:day", "model,key" })
            await AssertReportAsync(rows, Epoch, Epoch.AddDays(1), groupBy);
        // and it keeps growing with new rows
        var more = HourEdgeRows("new");
        await Store.WriteAsync(more, Ct);
        await AssertReportAsync([.. rows, .. more], Epoch.AddMinutes(25), Epoch.AddHours(6), "model");
    }

    /// <summary>Checks a spend report against figures computed by hand from the rows, group by group.</summary>
    private async Task AssertReportAsync(IReadOnlyList<RequestLogRow> rows, DateTimeOffset from, DateTimeOffset to, string groupBy)
    {
        var dims = SpendDimension.Parse(groupBy);
        var report = await Store.SpendAsync(new SpendQuery(from, to, dims), Ct);
        var inRange = rows.Where(r => r.TimeMs >= from.ToUnixTimeMilliseconds() && r.TimeMs < to.ToUnixTimeMilliseconds()).ToList();
        var expected = inRange.GroupBy(r => string.Join("|", dims.Select(d => DimensionValue(r, d) ?? "<null>"))).ToList();
        var context = $"group_by '{groupBy}' over [{from:HH:mm:ss.fff}, {to:HH:mm:ss.fff})";
        Assert.True(expected.Count == report.Groups.Count, $"{context}: {report.Groups.Count} groups, expected {expected.Count}");
        Assert.Equal(inRange.Count, report.Total.Requests);
        if (inRange.Count > 0) AssertLine(inRange, report.Total);
        foreach (var group in expected)
        {
            var line = Assert.Single(report.Groups, l => string.Join("|", dims.Select(d => l.Key[d.Name] ?? "<null>")) == group.Key);
            AssertLine(group.ToList(), line);
        }
    }

    private static string? DimensionValue(RequestLogRow row, SpendDimension dimension) => dimension.Name switch
    {
        "model" => row.Model,
        "provider" => row.Provider,
        "key" => row.KeyId,
        "project" => row.Project,
        "route" => row.Route,
        "policy" => row.Policy,
        "arm" => row.Arm,
        "bucket:hour" => SpendDimension.FormatBucket(row.TimeMs / 3_600_000 * 3_600_000),
        "bucket:day" => SpendDimension.FormatBucket(row.TimeMs / 86_400_000 * 86_400_000),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension.Name, null),
    };

    /// <summary>
    /// Rows over six hours with some on the first and last millisecond of an hour, nulls in every
    /// dimension now and then, failures, rows without a cost or a baseline, and a spread of latencies.
    /// </summary>
    private static List<RequestLogRow> HourEdgeRows(string prefix = "h")
    {
        var models = new[] { ("gpt-4.1-mini", "openai"), ("claude-haiku-4-5", "anthropic"), (null, null) };
        var random = new Random(prefix.Length);
        var rows = new List<RequestLogRow>();
        for (var i = 0; i < 90; i++)
        {
            var hour = i % 6;
            var time = (i % 9) switch
            {
                0 => Epoch.AddHours(hour), // first millisecond of the hour
                1 => Epoch.AddHours(hour + 1).AddMilliseconds(-1), // last millisecond
                _ => Epoch.AddHours(hour).AddMilliseconds(random.Next(3_600_000)),
            };
            var (model, provider) = models[i % 3 == 2 && i % 4 == 0 ? 2 : i % 2];
            var row = Row($"{prefix}{i}", time, model, provider, cost: i % 10 == 3 ? null : 0.0001 * (i + 1), baseline: i % 4 == 1 ? null : 0.0004 * (i + 1),
                latencyMs: Math.Round(3 + random.NextDouble() * 4000, 1), status: i % 7 == 0 ? 502 : 200, error: i % 13 == 0 ? "the client disconnected" : null,
                input: 100 + i, output: 5 * i, route: i % 5 == 0 ? null : i % 2 == 0 ? "auto" : "cheap", policy: i % 2 == 0 ? "cheapest-capable" : "fixed",
                arm: i % 3 == 0 ? "B" : i % 3 == 1 ? "A" : null, keyId: i % 4 == 0 ? null : $"key_{i % 4}", project: i % 4 == 0 ? null : $"p{i % 2}");
            rows.Add(i % 11 == 5 ? row with { InputTokens = null, CachedTokens = null, ReasoningTokens = null } : row);
        }
        return rows;
    }

    private static void AssertLine(IReadOnlyList<RequestLogRow> rows, SpendLine line)
    {
        Assert.Equal(rows.Count, line.Requests);
        Assert.Equal(rows.Count(r => r.Failed), line.Errors);
        Assert.Equal((double)rows.Count(r => r.Failed) / rows.Count, line.ErrorRate, 9);
        Assert.Equal(rows.Sum(r => (long)(r.InputTokens ?? 0)), line.InputTokens);
        Assert.Equal(rows.Sum(r => (long)(r.OutputTokens ?? 0)), line.OutputTokens);
        Assert.Equal(rows.Sum(r => (long)(r.CachedTokens ?? 0)), line.CachedTokens);
        Assert.Equal(rows.Sum(r => (long)(r.ReasoningTokens ?? 0)), line.ReasoningTokens);
        Assert.Equal(rows.Sum(r => r.CostUsd ?? 0), line.CostUsd, 9);
        Assert.Equal(rows.Sum(r => r.BaselineCostUsd ?? 0), line.BaselineCostUsd, 9);
        Assert.Equal(rows.Where(r => r.BaselineCostUsd is not null && r.CostUsd is not null).Sum(r => r.BaselineCostUsd!.Value - r.CostUsd!.Value), line.SavingsUsd, 9);
        var sorted = rows.Select(r => r.LatencyMs).Order().ToArray();
        var p50 = sorted[(int)Math.Ceiling(0.5 * sorted.Length) - 1];
        Assert.InRange(line.LatencyP50Ms!.Value, p50 * 0.98 - 0.1, p50 * 1.02 + 0.1);
    }

    /// <summary>Rows over three models, two providers, A/B arms, keys and hours, some failed, some without a baseline, one outside the day.</summary>
    private static List<RequestLogRow> SpendRows()
    {
        var models = new[] { ("gpt-4.1-mini", "openai"), ("claude-haiku-4-5", "anthropic"), ("gpt-4.1", "openai") };
        var rows = new List<RequestLogRow>();
        for (var i = 0; i < 60; i++)
        {
            var (model, provider) = models[i % 3];
            rows.Add(Row($"s{i}", Epoch.AddMinutes(i * 37), model, provider,
                cost: 0.0001 * (i + 1), baseline: i % 4 == 0 ? null : 0.0003 * (i + 1), latencyMs: 50 + i * 13.5,
                status: i % 7 == 0 ? 502 : 200, error: i % 11 == 0 ? "the client disconnected" : null,
                input: 100 + i, output: 10 * i, route: i % 2 == 0 ? "auto" : "cheap", policy: i % 2 == 0 ? "cheapest-capable" : "fixed",
                arm: i % 5 == 0 ? "B" : "A", keyId: i % 3 == 0 ? "key_a" : null, project: i % 3 == 0 ? "alpha" : null));
        }
        rows.Add(Row("outside", Epoch.AddDays(2), cost: 5));
        return rows;
    }
}
