using BenchmarkDotNet.Attributes;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Benchmarks.Storage;

/// <summary>
/// GET /admin/v1/spend on a million request log rows in SQLite (30 days of traffic over 8 models,
/// 4 providers, 5 routes, 50 keys). The database is generated once into the temp folder and reused.
///   dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*SpendQuery*' --job short
/// </summary>
[MemoryDiagnoser]
public class SpendQueryBenchmarks
{
    public const int Rows = 1_000_000;
    private static readonly DateTimeOffset End = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private SqliteRequestLogStore store = null!;

    [GlobalSetup]
    public void Setup() => store = SpendBenchmarkData.Open(Rows, End);

    [GlobalCleanup]
    public void Cleanup() => store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "30 days, total")]
    public SpendReport Total() => Run(TimeSpan.FromDays(30), "");

    [Benchmark(Description = "30 days, by model")]
    public SpendReport ByModel() => Run(TimeSpan.FromDays(30), "model");

    [Benchmark(Description = "30 days, by model,provider,bucket:day")]
    public SpendReport ByModelProviderDay() => Run(TimeSpan.FromDays(30), "model,provider,bucket:day");

    [Benchmark(Description = "30 days, by key,project")]
    public SpendReport ByKey() => Run(TimeSpan.FromDays(30), "key,project");

    [Benchmark(Description = "last 24 h, by route,policy,arm,bucket:hour")]
    public SpendReport LastDay() => Run(TimeSpan.FromDays(1), "route,policy,arm,bucket:hour");

    private SpendReport Run(TimeSpan span, string groupBy) =>
        store.SpendAsync(new SpendQuery(End - span, End, SpendDimension.Parse(groupBy)), CancellationToken.None).GetAwaiter().GetResult();
}

/// <summary>Generates (once) and opens the benchmark database.</summary>
public static class SpendBenchmarkData
{
    public static SqliteRequestLogStore Open(int rows, DateTimeOffset end)
    {
        var path = Path.Combine(Path.GetTempPath(), $"switchyard-spend-bench-{rows}.db");
        var ready = path + ".ready";
        if (!File.Exists(ready))
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
            var fresh = new SqliteRequestLogStore(path);
            fresh.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            Generate(fresh, rows, end);
            fresh.DisposeAsync().AsTask().GetAwaiter().GetResult();
            File.WriteAllText(ready, DateTime.UtcNow.ToString("O"));
        }
        var store = new SqliteRequestLogStore(path);
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return store;
    }

    private static void Generate(SqliteRequestLogStore store, int rows, DateTimeOffset end)
    {
        var models = new[] { ("gpt-4.1-mini", "openai"), ("gpt-4.1", "openai"), ("gpt-4o", "openai"), ("claude-haiku-4-5", "anthropic"),
            ("claude-sonnet-4-5", "anthropic"), ("gemini-2.5-flash", "gemini"), ("gemini-2.5-pro", "gemini"), ("mistral-small", "mistral") };
        var routes = new[] { "auto", "cheap-chat", "code", "support", "gpt-4.1-mini" };
        var policies = new[] { "cheapest-capable", "rules", "fixed" };
        var random = new Random(42);
        var start = end.AddDays(-30).ToUnixTimeMilliseconds();
        var span = end.ToUnixTimeMilliseconds() - start;
        var batch = new List<RequestLogRow>(10_000);
        for (var i = 0; i < rows; i++)
        {
            var (model, provider) = models[random.Next(models.Length)];
            var input = random.Next(20, 4000);
            var output = random.Next(1, 1000);
            var cost = input * 0.4e-6 + output * 1.6e-6;
            var latency = Math.Exp(5.5 + random.NextDouble() * 2.5);
            var status = random.Next(100) < 3 ? 502 : 200;
            batch.Add(new RequestLogRow
            {
                Id = $"req_{i:x8}",
                TimeMs = start + (long)(random.NextDouble() * span),
                Endpoint = "chat",
                KeyId = $"key_{random.Next(50)}",
                Project = $"project_{random.Next(5)}",
                Route = routes[random.Next(routes.Length)],
                Policy = policies[random.Next(policies.Length)],
                Arm = random.Next(10) == 0 ? "B" : "A",
                Task = "chat",
                TaskConfidence = 0.8,
                Plan = $"[\"{provider}/{model}\"]",
                Attempts = $"[{{\"deployment\":\"{provider}/{model}\",\"outcome\":\"ok\",\"status\":200,\"latency_ms\":{latency:0.0}}}]",
                AttemptCount = 1,
                Deployment = $"{provider}/{model}",
                Model = model,
                Provider = provider,
                InputTokens = input,
                OutputTokens = output,
                CachedTokens = 0,
                CostUsd = cost,
                CostEstimated = false,
                BaselineCostUsd = cost * 3,
                BaselineModel = "gpt-4.1",
                TtftMs = latency / 3,
                LatencyMs = Math.Round(latency, 1),
                UpstreamMs = latency - 2,
                OverheadMs = 2,
                ResponseSha256 = "0000000000000000000000000000000000000000000000000000000000000000",
                Status = status,
                Error = status == 200 ? null : "Every attempt failed upstream",
            });
            if (batch.Count == batch.Capacity)
            {
                store.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
                batch.Clear();
            }
        }
        store.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
    }
}
