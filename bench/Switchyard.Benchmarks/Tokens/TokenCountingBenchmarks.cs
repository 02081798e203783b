using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Switchyard.Core.Tokens;

namespace Switchyard.Benchmarks.Tokens;

/// <summary>
/// Counting throughput on ~100 KB of mixed text (<see cref="MixedText"/>): the work done on the request path
/// before routing. The MB/s column is the text's UTF-8 size divided by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TokenCountingBenchmarks
{
    public static readonly string Text = MixedText.Build(100_000);

    public static readonly int TextBytes = Encoding.UTF8.GetByteCount(Text);

    [GlobalSetup]
    public void Setup()
    {
        // Load both rank tables outside the measurement.
        _ = TiktokenEncoder.O200kBase.Count("warm up");
        _ = TiktokenEncoder.Cl100kBase.Count("warm up");
    }

    [Benchmark(Baseline = true)]
    public int O200kCount() => TiktokenEncoder.O200kBase.Count(Text);

    [Benchmark]
    public int Cl100kCount() => TiktokenEncoder.Cl100kBase.Count(Text);

    [Benchmark]
    public int O200kEncode() => TiktokenEncoder.O200kBase.Encode(Text).Length;

    [Benchmark]
    public int EstimateCount() => EstimatingTokenCounter.Instance.Count(Text);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MegabytesPerSecondColumn());
    }

    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"UTF-8 megabytes (10^6 bytes) of input per second: {TextBytes:N0} bytes / mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (TextBytes / (mean.Value / 1e9) / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
