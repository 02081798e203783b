using System.Reflection;
using System.Text.Json;
using Switchyard.Core.Catalog;

namespace Switchyard.Cli.Demo;

/// <summary>One prompt of the demo workload and the task class it was written as.</summary>
public sealed record DemoPrompt(TaskClass Task, string Prompt);

/// <summary>
/// The demo's mixed workload: Demo/workload.jsonl, embedded in the CLI, one
/// <c>{"task": CLASS, "prompt": TEXT}</c> per line, a handful of natural prompts per task class.
/// </summary>
public static class DemoWorkload
{
    private const string Resource = "Switchyard.Cli.Demo.workload.jsonl";

    public static IReadOnlyList<DemoPrompt> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var prompts = new List<DemoPrompt>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var row = JsonDocument.Parse(line);
            var task = row.RootElement.GetProperty("task").GetString() ?? "";
            if (!TaskClassNames.TryParse(task, out var parsed)) throw new InvalidDataException($"workload.jsonl line {number}: unknown task class '{task}'");
            prompts.Add(new DemoPrompt(parsed, row.RootElement.GetProperty("prompt").GetString() ?? ""));
        }
        return prompts;
    }

    /// <summary><paramref name="perClass"/> prompts of every task class (cycling when a class has fewer), or all of them when null.</summary>
    public static IReadOnlyList<DemoPrompt> Take(IReadOnlyList<DemoPrompt> all, int? perClass)
    {
        if (perClass is not { } n) return all;
        var result = new List<DemoPrompt>();
        foreach (var group in all.GroupBy(p => p.Task))
        {
            var prompts = group.ToList();
            for (var i = 0; i < n; i++) result.Add(prompts[i % prompts.Count]);
        }
        return result;
    }
}
