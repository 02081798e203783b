using BenchmarkDotNet.Attributes;
using Npgsql;
using Switchyard.Storage;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Benchmarks.Storage;

/// <summary>
/// GET /admin/v1/spend on a million request log rows (30 days of traffic over 8 models, 4 providers,
/// 5 routes, 3 policies, 2 arms, 50 keys, 5 projects, uniformly spread: every hour sees nearly every
/// combination, the worst case for a rollup). As in Switchyard itself, a key belongs to one project
/// and a route has one policy. The database is generated once, through the store's own write path
/// (which maintains the rollup), and reused. SQLite always; PostgreSQL when SWITCHYARD_BENCH_POSTGRES
/// holds a connection string (a schema switchyard_bench_v3 is created in it):
///   dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*Spend*' --job short
/// </summary>
[MemoryDiagnoser]
public abstract class SpendQueryBenchmarks
{
    public const int Rows = 1_000_000;
    protected static readonly DateTimeOffset End = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private IRequestLogStore store = null!;

    protected abstract IRequestLogStore Open();

    [GlobalSetup]
    public void Setup() => store = Open();

    [GlobalCleanup]
    public void Cleanup() => store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "30 days, total")]
    public SpendReport Total() => Run(End.AddDays(-30), "");

    [Benchmark(Description = "30 days, by model")]
    public SpendReport ByModel() => Run(End.AddDays(-30), "model");

    [Benchmark(Description = "30 days, by model,provider,bucket:day")]
    public SpendReport ByModelProviderDay() => Run(End.AddDays(-30), "model,provider,bucket:day");

    [Benchmark(Description = "30 days, by key,project")]
    public SpendReport ByKey() => Run(End.AddDays(-30), "key,project");

    [Benchmark(Description = "last 24 h, by route,policy,arm,bucket:hour")]
    public SpendReport LastDay() => Run(End.AddDays(-1), "route,policy,arm,bucket:hour");

    [Benchmark(Description = "30 days from mid-hour, by model,route,arm")]
    public SpendReport MidHourModelRouteArm() => Run(End.AddDays(-30).AddMinutes(-30), "model,route,arm", End.AddMinutes(-20));

    [Benchmark(Description = "30 days, by model,key (every-column set, by day)")]
    public SpendReport ByModelKey() => Run(End.AddDays(-30), "model,key");

    [Benchmark(Description = "7 days, by model,key,bucket:hour (no set: rows)")]
    public SpendReport ByModelKeyHour() => Run(End.AddDays(-7), "model,key,bucket:hour");

    private SpendReport Run(DateTimeOffset from, string groupBy, DateTimeOffset? to = null) =>
        store.SpendAsync(new SpendQuery(from, to ?? End, SpendDimension.Parse(groupBy)), CancellationToken.None).GetAwaiter().GetResult();
}

public class SqliteSpendQueryBenchmarks : SpendQueryBenchmarks
{
    protected override IRequestLogStore Open()
    {
        // v2: the schema with the rollup; a file generated before it would be migrated, not regenerated.
        var path = Path.Combine(Path.GetTempPath(), $"switchyard-spend-bench-v3-{Rows}.db");
        var ready = path + ".ready";
        if (!File.Exists(ready))
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
            var fresh = new SqliteRequestLogStore(path);
            SpendBenchmarkData.Fill(fresh, Rows, End);
            fresh.DisposeAsync().AsTask().GetAwaiter().GetResult();
            File.WriteAllText(ready, DateTime.UtcNow.ToString("O"));
        }
        var store = new SqliteRequestLogStore(path);
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return store;
    }
}

public class PostgresSpendQueryBenchmarks : SpendQueryBenchmarks
{
    public const string Variable = "SWITCHYARD_BENCH_POSTGRES";

    protected override IRequestLogStore Open()
    {
        var given = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set: the PostgreSQL spend benchmarks need a server's connection string.");
        using (var connection = new NpgsqlConnection(given))
        {
            connection.Open();
            using var create = new NpgsqlCommand("CREATE SCHEMA IF NOT EXISTS switchyard_bench_v3", connection);
            create.ExecuteNonQuery();
        }
        var store = new PostgresRequestLogStore(new NpgsqlConnectionStringBuilder(given) { SearchPath = "switchyard_bench_v3" }.ConnectionString);
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        var count = store.CountAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (count == 0) SpendBenchmarkData.Fill(store, Rows, End);
        else if (count != Rows) throw new InvalidOperationException($"schema switchyard_bench_v3 holds {count} rows, not {Rows}: drop it to regenerate");
        using (var connection = new NpgsqlConnection(given))
        {
            connection.Open();
            using var analyze = new NpgsqlCommand("ANALYZE switchyard_bench_v3.request_log; ANALYZE switchyard_bench_v3.spend_rollup", connection);
            analyze.ExecuteNonQuery();
        }
        return store;
    }
}

/// <summary>Generates the benchmark rows into a store, in time order as the gateway writes them, in batches of 10,000.</summary>
public static class SpendBenchmarkData
{
    public static void Fill(IRequestLogStore store, int rows, DateTimeOffset end)
    {
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        var clock = System.Diagnostics.Stopwatch.StartNew();
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
            var key = random.Next(50);
            var route = random.Next(routes.Length);
            batch.Add(new RequestLogRow
            {
                Id = $"req_{i:x8}",
                TimeMs = start + (long)((i + random.NextDouble()) * span / rows),
                Endpoint = "chat",
                KeyId = $"key_{key}",
                Project = $"project_{key % 5}",
                Route = routes[route],
                Policy = policies[route % policies.Length],
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
        Console.WriteLine($"// {store.Describe()}: {rows} rows written through the store (rollup included) in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
