using BenchmarkDotNet.Attributes;
using Switchyard.Storage;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using Switchyard.Storage.Writing;

namespace Switchyard.Benchmarks.RequestLog;

/// <summary>
/// What the request log costs a request: Enqueue on the request path (a bounded channel write),
/// plus the writer's batching loop handing the rows to a store that keeps nothing (the database's
/// own cost is the spend benchmark's business). Per row, over batches of <see cref="Rows"/> rows
/// followed by a flush.
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
    public async Task EnqueueAndFlush()
    {
        for (var i = 0; i < Rows; i++) writer.Enqueue(row);
        await writer.FlushAsync(CancellationToken.None);
    }

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
