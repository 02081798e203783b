using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification.Training;

/// <summary>
/// Assembles the training rows: llmrouter-task-queries' train split, the train splits of the routing/
/// files whose task labels map obviously (RouteLLM GSM8K; RouterArena's math, code, translation, trivia
/// and commonsense/ethics tasks), and our own examples' train split. Rows that overlap any evaluation prompt (MT-Bench, just-eval, llmrouter test, own held-out)
/// are dropped. routellm-mtbench.jsonl is never read: it is MT-Bench itself.
/// </summary>
public static class TrainingCorpus
{
    public sealed record Result(List<LabelledPrompt> Rows, int DroppedAsOverlapping, IReadOnlyDictionary<string, int> RowsBySource);

    public static Result Build(string sharedDataDir, string ownExamplesPath, TrainerOptions options)
    {
        var candidates = new List<LabelledPrompt>();
        candidates.AddRange(Cap(TaskDataSets.LlmRouterTasks(sharedDataDir, "train"), options.MaxRowsPerSourceTask));
        candidates.AddRange(Cap(RoutingFile(sharedDataDir, "routing/routellm-gsm8k.jsonl", "routellm-gsm8k", _ => TaskClass.Math), options.MaxRowsPerSourceTask));
        candidates.AddRange(Cap(RoutingFile(sharedDataDir, "routing/routerarena-sub10.jsonl", "routerarena", MapRouterArenaTask), options.MaxRowsPerSourceTask));
        var excluded = options.ExcludeSources.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        candidates.RemoveAll(r => excluded.Contains(r.Source));
        var own = TaskDataSets.OwnExamples("train", ownExamplesPath);

        var evaluation = new List<string>();
        foreach (var row in TaskDataSets.MtBench(sharedDataDir)) evaluation.Add(row.Prompt);
        foreach (var root in TaskDataSets.JsonLines(Path.Combine(sharedDataDir, TaskDataSets.MtBenchFile)))
            foreach (var turn in root.GetProperty("turns").EnumerateArray()) evaluation.Add(turn.GetString() ?? "");
        foreach (var row in TaskDataSets.JustEval(sharedDataDir).Rows) evaluation.Add(row.Prompt);
        foreach (var row in TaskDataSets.LlmRouterTasks(sharedDataDir, "test")) evaluation.Add(row.Prompt);
        foreach (var row in TaskDataSets.OwnExamples("heldout", ownExamplesPath)) evaluation.Add(row.Prompt);
        var overlap = new OverlapIndex(evaluation);

        var rows = new List<LabelledPrompt>();
        var dropped = 0;
        foreach (var row in candidates.Concat(own))
        {
            if (overlap.Overlaps(row.Prompt)) { dropped++; continue; }
            rows.Add(row);
        }
        var bySource = rows.GroupBy(r => SourceFamily(r.Source)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new Result(rows, dropped, bySource);
    }

    /// <summary>"llmrouter:gsm8k" → "llmrouter"; own examples keep their class ("own:translation").</summary>
    public static string SourceFamily(string source) =>
        source.StartsWith("own:", StringComparison.Ordinal) ? source : source[..Math.Max(0, source.IndexOf(':'))] is { Length: > 0 } s ? s : source;

    private static TaskClass? MapRouterArenaTask(string task)
    {
        if (task.StartsWith("WMT19-", StringComparison.Ordinal)) return TaskClass.Translation;
        if (task is "AIME" or "AsDiv" or "FinQA" or "GSM8K" or "MATH" or "MathQA") return TaskClass.Math;
        if (task == "LiveCodeBench") return TaskClass.Code;
        if (task.StartsWith("OpenTDB_", StringComparison.Ordinal) || task.StartsWith("QANTA_", StringComparison.Ordinal) || task == "GeoGraphyData_100k") return TaskClass.Chat;
        if (task.StartsWith("Ethics_", StringComparison.Ordinal) || task is "SocialiQA" or "SuperGLUE-CausalReasoning" or "ChessInstruct")
            return TaskClass.Reasoning;
        // Knowledge multiple-choice (MMLU, MMLU-Pro, MedMCQA, ...): in natural traffic such questions are
        // factual QA, not reasoning, so they are left out rather than taught as either. Reading comprehension
        // and the other SuperGLUE tasks have no obvious class.
        return null;
    }

    private static IEnumerable<LabelledPrompt> RoutingFile(string sharedDataDir, string file, string name, Func<string, TaskClass?> map)
    {
        foreach (var root in TaskDataSets.JsonLines(Path.Combine(sharedDataDir, file)))
        {
            if (root.GetProperty("split").GetString() != "train") continue;
            var task = root.GetProperty("task").GetString() ?? "";
            if (map(task) is { } mapped)
                yield return new LabelledPrompt(root.GetProperty("prompt").GetString() ?? "", mapped, name + ":" + task);
        }
    }

    /// <summary>
    /// At most <paramref name="max"/> rows per source task (or in all when not <paramref name="perSource"/>),
    /// spread evenly over the file so every subject is represented. Deterministic.
    /// </summary>
    private static IEnumerable<LabelledPrompt> Cap(IEnumerable<LabelledPrompt> rows, int max, bool perSource = true)
    {
        var groups = perSource ? rows.GroupBy(r => r.Source).Select(g => g.ToList()) : [rows.ToList()];
        foreach (var group in groups)
        {
            if (group.Count <= max) { foreach (var r in group) yield return r; continue; }
            for (var i = 0; i < max; i++) yield return group[(int)((long)i * group.Count / max)];
        }
    }

    /// <summary>Finds training prompts that share most of an evaluation prompt's word 6-grams (or equal a short one).</summary>
    private sealed class OverlapIndex
    {
        private const int N = 6;
        private readonly Dictionary<ulong, List<int>> _shingles = [];
        private readonly List<int> _shingleCounts = [];
        private readonly HashSet<string> _short = new(StringComparer.Ordinal);

        public OverlapIndex(IEnumerable<string> prompts)
        {
            foreach (var prompt in prompts)
            {
                var set = Shingles(prompt);
                if (set.Count == 0) { _short.Add(Normalize(prompt)); continue; }
                var id = _shingleCounts.Count;
                _shingleCounts.Add(set.Count);
                foreach (var s in set)
                {
                    if (!_shingles.TryGetValue(s, out var ids)) _shingles[s] = ids = [];
                    ids.Add(id);
                }
            }
        }

        public bool Overlaps(string prompt)
        {
            if (_short.Contains(Normalize(prompt))) return true;
            var hits = new Dictionary<int, int>();
            foreach (var s in Shingles(prompt))
                if (_shingles.TryGetValue(s, out var ids))
                    foreach (var id in ids) hits[id] = hits.GetValueOrDefault(id) + 1;
            foreach (var (id, count) in hits)
                if (count * 2 >= _shingleCounts[id]) return true;
            return false;
        }

        private static string Normalize(string text) => string.Join(' ', Words(text));

        private static List<string> Words(string text) =>
            text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray())).Where(w => w.Length > 0).ToList();

        private static HashSet<ulong> Shingles(string text)
        {
            var words = Words(text);
            var set = new HashSet<ulong>();
            for (var i = 0; i + N <= words.Count; i++)
            {
                var h = 14695981039346656037UL;
                for (var j = i; j < i + N; j++)
                {
                    foreach (var c in words[j]) h = (h ^ c) * 1099511628211UL;
                    h = (h ^ ' ') * 1099511628211UL;
                }
                set.Add(h);
            }
            return set;
        }
    }
}
