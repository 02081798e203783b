using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Switchyard.Benchmarks.Streaming;

/// <summary>
/// Issue 8's per-chunk budget beside SseForward's Allocated column: the upstream text event's own
/// bytes, the budget (those bytes + 64), the allocation per chunk in bytes, and whether it is met.
/// </summary>
public sealed class ChunkBudgetConfig : ManualConfig
{
    public const int Slack = 64;

    public ChunkBudgetConfig()
    {
        AddColumn(
            new ChunkBudgetColumn("Event B", (eventBytes, _) => eventBytes.ToString()),
            new ChunkBudgetColumn("Budget B", (eventBytes, _) => (eventBytes + Slack).ToString()),
            new ChunkBudgetColumn("Alloc/chunk B", (_, allocated) => allocated?.ToString() ?? "?"),
            new ChunkBudgetColumn("Target", (eventBytes, allocated) => allocated is null ? "?" : allocated <= eventBytes + Slack ? "met" : "NOT met"));
    }

    private sealed class ChunkBudgetColumn(string name, Func<int, long?, string> value) : IColumn
    {
        public string Id => nameof(ChunkBudgetColumn) + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Issue 8's streaming target per wire: allocated per forwarded chunk <= the upstream event's bytes + 64";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters["Wire"] is not string wire) return "-";
            var eventBytes = SseForwardBenchmarks.BuildUpstreamStream(wire).EventBytes;
            var report = summary[benchmarkCase];
            var allocated = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return value(eventBytes, allocated);
        }
    }
}
