using BenchmarkDotNet.Attributes;
using Switchyard.Storage;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Benchmarks.Storage;

/// <summary>
/// The request log writer's per-batch work in SQLite: one transaction that inserts a batch of rows
/// and adds them to the spend rollup (whose latency histograms are read, merged and written back).
/// The rows look like the load harness's: one key, route, model and provider, latencies spread over
/// 0.3-20 ms; the store holds 20,000 such rows of the same hour first, so each rollup cell carries a
/// histogram of the size a busy hour gives. Batch sizes: 20 rows (a 20 ms flush at 1,000 req/s) and
/// 200 (the default 200 ms flush).
///   dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*RequestLogWrite*' --job short
/// </summary>
[MemoryDiagnoser]
public class RequestLogWriteBenchmarks
{
    private const long HourStart = 1_764_000_000_000 / 3_600_000 * 3_600_000;
    private IRequestLogStore store = null!;
    private string folder = "";
    private long next;
    private readonly Random random = new(7);

    [Params(20, 200)]
    public int BatchRows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("sy-bench-write-").FullName;
        store = new SqliteRequestLogStore(Path.Combine(folder, "log.db"));
        store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        for (var i = 0; i < 100; i++) store.WriteAsync(Batch(200), CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(folder, recursive: true);
    }

    private List<RequestLogRow> batch = [];

    [IterationSetup]
    public void MakeBatch() => batch = Batch(BatchRows);

    [Benchmark(Description = "insert a batch and add it to the spend rollup")]
    public void Write() => store.WriteAsync(batch, CancellationToken.None).GetAwaiter().GetResult();

    private List<RequestLogRow> Batch(int rows) => [.. Enumerable.Range(0, rows).Select(_ => Row())];

    private RequestLogRow Row()
    {
        var latency = 0.3 + 20 * Math.Pow(random.NextDouble(), 3); // most fast, a tail to 20 ms
        return new RequestLogRow
        {
            Id = $"req_bench_{next++:D12}", TimeMs = HourStart + next % 3_000_000, Endpoint = "chat", KeyId = "a1b2c3d4", Project = "bench",
            Route = "bench", Policy = "cheapest-capable", Task = "chat", TaskConfidence = 0.81, Plan = "[\"sim/gpt-4.1-mini\",\"sim/gpt-4o-mini\"]",
            Attempts = "[{\"deployment\":\"sim/gpt-4.1-mini\",\"outcome\":\"ok\",\"status\":200,\"latency_ms\":0.4}]", AttemptCount = 1,
            Deployment = "sim/gpt-4.1-mini", Model = "gpt-4.1-mini", Provider = "sim", InputTokens = 42, OutputTokens = 16, CostUsd = 0.0000424,
            CostEstimated = false, BaselineCostUsd = 0.00031, BaselineModel = "claude-sonnet-4-5", TtftMs = latency, LatencyMs = latency,
            UpstreamMs = latency - 0.3, OverheadMs = 0.3, Status = 200, ResponseSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        };
    }
}
