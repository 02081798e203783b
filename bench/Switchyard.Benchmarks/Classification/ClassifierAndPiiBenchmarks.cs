using BenchmarkDotNet.Attributes;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Pii;

namespace Switchyard.Benchmarks.Classification;

/// <summary>
/// The per-request prompt analysis: the task classifier and the PII scan, on a short and a long
/// prompt. Targets: a few µs, and no allocation when nothing is found (the memory diagnoser shows it).
///   dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*ClassifierAndPii*' --job short
/// </summary>
[MemoryDiagnoser]
public class ClassifierAndPiiBenchmarks
{
    private const string Sentence = "Please summarize the quarterly report below and list the three main risks, with numbers like 10.0.14 and $1,234.56. ";

    private readonly PiiDetector pii = new();
    private string shortPrompt = "";
    private string longPrompt = "";

    [GlobalSetup]
    public void Setup()
    {
        shortPrompt = string.Concat(Enumerable.Repeat(Sentence, 8));   // ~200 tokens
        longPrompt = string.Concat(Enumerable.Repeat(Sentence, 80));   // ~2,000 tokens
        TaskClassifier.Default.Classify(shortPrompt);
    }

    [Benchmark] public TaskPrediction ClassifyShort() => TaskClassifier.Default.Classify(shortPrompt, "You are concise.");
    [Benchmark] public TaskPrediction ClassifyLong() => TaskClassifier.Default.Classify(longPrompt, "You are concise.");
    [Benchmark] public bool PiiScanShort() => pii.Scan(shortPrompt).HasPii;
    [Benchmark] public bool PiiScanLong() => pii.Scan(longPrompt).HasPii;
}
