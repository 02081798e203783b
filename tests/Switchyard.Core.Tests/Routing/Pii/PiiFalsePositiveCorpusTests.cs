using System.Text.Json;
using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

/// <summary>
/// Natural prompts with no personal data in them: the detector must stay quiet on nearly all. The corpus
/// is the 80 first turns of mt-bench-questions and the first 120 instructions of just-eval-task-tags.
/// </summary>
public class PiiFalsePositiveCorpusTests
{
    /// <summary>
    /// Hits on this corpus, each inspected: none today. Raise it only after reading the new hit and
    /// deciding it is real PII or an acceptable false positive.
    /// </summary>
    private const int AllowedHits = 0;

    [Fact]
    public void Finds_pii_in_at_most_a_few_benchmark_prompts()
    {
        var prompts = LoadPrompts();
        Assert.Equal(200, prompts.Count);

        var hits = prompts
            .Select(p => (Prompt: p, Scan: PiiAssert.Detector.Scan(p)))
            .Where(x => x.Scan.HasPii)
            .Select(x => string.Join(", ", x.Scan.Spans.Select(s => $"{s.Kind} '{x.Prompt.Substring(s.Start, s.Length)}'")))
            .ToList();

        Assert.True(hits.Count <= AllowedHits, "Findings in benchmark prompts:\n" + string.Join("\n", hits));
    }

    /// <summary>
    /// Every turn of mt-bench and every just-eval instruction (960 prompts): the one finding is a real
    /// business phone number in an advertising prompt ("Call us at 650-636-4884 or visit our website").
    /// </summary>
    [Fact]
    public void Finds_only_the_real_phone_number_in_all_benchmark_prompts()
    {
        var prompts = LoadPrompts(mtBench: int.MaxValue, justEval: int.MaxValue, allTurns: true);
        Assert.Equal(960, prompts.Count);

        var found = prompts.SelectMany(p => PiiAssert.Detector.Scan(p).Spans.Select(s => (s.Kind, p.Substring(s.Start, s.Length))));

        Assert.Equal([(PiiKind.Phone, "650-636-4884")], found);
    }

    internal static List<string> LoadPrompts(int mtBench = 80, int justEval = 120, bool allTurns = false)
    {
        string tasks = Path.Combine(FindSharedData(), "tasks");
        var prompts = new List<string>();

        foreach (var line in File.ReadLines(Path.Combine(tasks, "mt-bench-questions.jsonl")).Take(mtBench))
        {
            using var row = JsonDocument.Parse(line);
            var turns = row.RootElement.GetProperty("turns").EnumerateArray().Select(t => t.GetString()!);
            prompts.AddRange(allTurns ? turns : turns.Take(1));
        }

        using var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(tasks, "just-eval-task-tags.json")));
        prompts.AddRange(rows.RootElement.EnumerateArray().Take(justEval).Select(r => r.GetProperty("instruction").GetString()!));
        return prompts;
    }

    /// <summary>The shared/data folder of the nearest ancestor of the test binaries that has one.</summary>
    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"No shared/data folder above {AppContext.BaseDirectory}.");
    }
}
