using BenchmarkDotNet.Attributes;
using Switchyard.Storage;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using Switchyard.Storage.Writing;

namespace Switchyard.Benchmarks.RequestLog;

/// <summary>
/// What the request log costs the request path: Enqueue, a write into the writer's bounded channel
/// (the batching loop and the database run off the request path; the spend benchmark covers the
/// database). Per row, over <see cref="Rows"/> rows per invocation; between iterations the writer
/// flushes them into a store that keeps nothing, so the queue never fills.
/// </summary>
/// <remarks>Run: dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*RequestLogEnqueue*' --job short</remarks>
[MemoryDiagnoser]
public class RequestLogEnqueueBenchmarks
{
    private const int Rows = 1_000;
    private RequestLogWriter writer = null!;
    private string folder = "";
    private readonly RequestLogRow row = new()
    {
        Id = "req_01JBENCH000000000000000000", TimeMs = 1_764_000_000_000, Endpoint = "chat", KeyId = "a1b2c3d4", Project = "bench",
        Route = "auto", Policy = "cheapest-capable", Task = "chat", TaskConfidence = 0.81, Plan = "sim/gpt-4.1-mini,sim/gpt-4o-mini",
        Attempts = "sim/gpt-4.1-mini:200:12", AttemptCount = 1, Deployment = "sim/gpt-4.1-mini", Model = "gpt-4.1-mini", Provider = "sim",
        InputTokens = 42, OutputTokens = 16, CostUsd = 0.0000424, CostEstimated = false, BaselineCostUsd = 0.00031, BaselineModel = "claude-sonnet-4-5",
        LatencyMs = 12.4, UpstreamMs = 11.9, OverheadMs = 0.5, Status = 200,
    };

    [GlobalSetup]
    public async Task Setup()
    {
        folder = Directory.CreateTempSubdirectory("sy-bench-log-").FullName;
        writer = new RequestLogWriter(new NullStore(), new RequestLogWriterOptions { SpillPath = Path.Combine(folder, "spill.jsonl") });
        await writer.StartAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await writer.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void Enqueue()
    {
        for (var i = 0; i < Rows; i++) writer.Enqueue(row);
    }

    [IterationCleanup]
    public void Drain() => writer.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    private sealed class NullStore : IRequestLogStore
    {
        public string Describe() => "nothing (benchmark)";
        public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteAsync(IReadOnlyList<RequestLogRow> rows, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<RequestLogRow?> FindAsync(string requestId, CancellationToken cancellationToken) => Task.FromResult<RequestLogRow?>(null);
        public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(0L);
        public Task<bool> SaveFeedbackAsync(Feedback feedback, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task<Feedback?> FindFeedbackAsync(string requestId, CancellationToken cancellationToken) => Task.FromResult<Feedback?>(null);
        public Task<SpendReport> SpendAsync(SpendQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
        public async IAsyncEnumerable<(RequestLogRow Row, Feedback Feedback)> RowsWithFeedbackAsync(DateTimeOffset from, DateTimeOffset to,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
