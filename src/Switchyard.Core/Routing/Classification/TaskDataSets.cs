using System.Text.Json;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification;

/// <summary>
/// Reads the labelled prompt files (../shared/data and this folder's own examples) with the task-class
/// mappings of the routing issue. Offline tooling only (training and evaluation), never on the request path.
/// </summary>
public static class TaskDataSets
{
    /// <summary>Logical name of the embedded own examples (Data/own-examples.jsonl).</summary>
    public const string OwnExamplesResource = "Switchyard.Core.Routing.Classification.own-examples.jsonl";

    public const string LlmRouterTasksFile = "tasks/llmrouter-task-queries.jsonl";
    public const string MtBenchFile = "tasks/mt-bench-questions.jsonl";
    public const string JustEvalFile = "tasks/just-eval-task-tags.json";

    /// <summary>llmrouter-task-queries task names to classes (the mapping).</summary>
    public static TaskClass? MapLlmRouterTask(string task) => task switch
    {
        "math" or "gsm8k" or "agentverse-mgsm" => TaskClass.Math,
        "mbpp" or "human_eval" => TaskClass.Code,
        "natural_qa" or "trivia_qa" => TaskClass.Chat,
        "mmlu" or "gpqa" or "commonsense_qa" or "openbook_qa" or "arc_challenge" or "agentverse-logicgrid" => TaskClass.Reasoning,
        "commongen" => TaskClass.CreativeWriting,
        _ => null,
    };

    /// <summary>MT-Bench categories to classes (the mapping).</summary>
    public static TaskClass? MapMtBenchCategory(string category) => category switch
    {
        "writing" or "roleplay" => TaskClass.CreativeWriting,
        "reasoning" => TaskClass.Reasoning,
        "math" => TaskClass.Math,
        "coding" => TaskClass.Code,
        "extraction" => TaskClass.Extraction,
        "stem" or "humanities" => TaskClass.Chat,
        _ => null,
    };

    /// <summary>just-eval first task types to classes (the mapping); other types are skipped.</summary>
    public static TaskClass? MapJustEvalType(string type) => type switch
    {
        "coding" => TaskClass.Code,
        "math" => TaskClass.Math,
        "writing" or "role-play" => TaskClass.CreativeWriting,
        "reasoning" => TaskClass.Reasoning,
        "info-seek" or "procedure" => TaskClass.Chat,
        _ => null,
    };

    /// <summary>llmrouter-task-queries rows of one split ("train" or "test").</summary>
    public static List<LabelledPrompt> LlmRouterTasks(string sharedDataDir, string split)
    {
        var rows = new List<LabelledPrompt>();
        foreach (var root in JsonLines(Path.Combine(sharedDataDir, LlmRouterTasksFile)))
        {
            if (root.GetProperty("split").GetString() != split) continue;
            var task = root.GetProperty("task").GetString() ?? "";
            if (MapLlmRouterTask(task) is { } mapped)
                rows.Add(new LabelledPrompt(root.GetProperty("prompt").GetString() ?? "", mapped, "llmrouter:" + task));
        }
        return rows;
    }

    /// <summary>MT-Bench first turns. Evaluation only: never train or tune on these.</summary>
    public static List<LabelledPrompt> MtBench(string sharedDataDir)
    {
        var rows = new List<LabelledPrompt>();
        foreach (var root in JsonLines(Path.Combine(sharedDataDir, MtBenchFile)))
        {
            var category = root.GetProperty("category").GetString() ?? "";
            if (MapMtBenchCategory(category) is { } mapped)
                rows.Add(new LabelledPrompt(root.GetProperty("turns")[0].GetString() ?? "", mapped, "mt-bench:" + category));
        }
        return rows;
    }

    /// <summary>just-eval instructions by first task type, and how many rows of unmapped types were skipped. Evaluation only.</summary>
    public static (List<LabelledPrompt> Rows, int Skipped) JustEval(string sharedDataDir)
    {
        var rows = new List<LabelledPrompt>();
        var skipped = 0;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sharedDataDir, JustEvalFile)));
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var types = item.GetProperty("task_types");
            var first = types.GetArrayLength() > 0 ? types[0].GetString() ?? "" : "";
            if (MapJustEvalType(first) is { } mapped)
                rows.Add(new LabelledPrompt(item.GetProperty("instruction").GetString() ?? "", mapped, "just-eval:" + first));
            else
                skipped++;
        }
        return (rows, skipped);
    }

    /// <summary>
    /// Own labelled examples (Data/own-examples.jsonl) of one split: "train" or "heldout".
    /// Read from <paramref name="path"/>, or from the copy embedded in this assembly when null.
    /// </summary>
    public static List<LabelledPrompt> OwnExamples(string split, string? path = null)
    {
        var rows = new List<LabelledPrompt>();
        using var stream = path is null
            ? typeof(TaskDataSets).Assembly.GetManifestResourceStream(OwnExamplesResource) ?? throw new InvalidOperationException($"embedded resource {OwnExamplesResource} is missing")
            : File.OpenRead(path);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("split").GetString() != split) continue;
            var name = root.GetProperty("task").GetString() ?? "";
            if (!TaskClassNames.TryParse(name, out var task)) throw new InvalidDataException($"unknown task class '{name}' in own examples");
            rows.Add(new LabelledPrompt(root.GetProperty("prompt").GetString() ?? "", task, "own:" + name));
        }
        return rows;
    }

    /// <summary>The folder holding shared/data, found by walking up from <paramref name="start"/> (e.g. AppContext.BaseDirectory).</summary>
    public static string? FindSharedDataDir(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, MtBenchFile))) return candidate;
        }
        return null;
    }

    internal static IEnumerable<JsonElement> JsonLines(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.Clone();
        }
    }
}
