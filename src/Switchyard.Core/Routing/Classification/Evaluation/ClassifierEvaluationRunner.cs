using System.Globalization;
using System.Text;

namespace Switchyard.Core.Routing.Classification;

/// <summary>
/// Evaluates the task classifier on every labelled set (what <c>switchyard router eval-classifier</c> prints):
/// MT-Bench first turns, just-eval by first task type, llmrouter-task-queries' test split, and our own
/// held-out examples, each mapped to task classes as the routing issue says.
/// </summary>
public static class ClassifierEvaluationRunner
{
    public sealed record SetResult(string Name, string Description, ClassifierEvaluation Evaluation);

    /// <summary>Evaluates on all sets. <paramref name="sharedDataDir"/> is the shared/data folder.</summary>
    /// <param name="classifier">Defaults to <see cref="TaskClassifier.Default"/>.</param>
    /// <param name="ownExamplesPath">Own examples file; defaults to the copy embedded in Switchyard.Core.</param>
    public static IReadOnlyList<SetResult> Evaluate(string sharedDataDir, ITaskClassifier? classifier = null, string? ownExamplesPath = null)
    {
        classifier ??= TaskClassifier.Default;
        var (justEval, skipped) = TaskDataSets.JustEval(sharedDataDir);
        return
        [
            new("mt-bench-questions", "80 first turns; writing, roleplay → creative_writing; stem, humanities → chat",
                ClassifierEvaluation.Run(classifier, TaskDataSets.MtBench(sharedDataDir))),
            new("just-eval-task-tags", string.Create(CultureInfo.InvariantCulture,
                    $"first task type; info-seek, procedure → chat; writing, role-play → creative_writing; {skipped} rows of other first types skipped"),
                ClassifierEvaluation.Run(classifier, justEval)),
            new("llmrouter-task-queries (test split)", "benchmark formatting; mmlu, gpqa, commonsense_qa, openbook_qa, arc_challenge, agentverse-logicgrid → reasoning",
                ClassifierEvaluation.Run(classifier, TaskDataSets.LlmRouterTasks(sharedDataDir, "test"))),
            new("own examples (held-out)", "hand-written prompts kept out of training",
                ClassifierEvaluation.Run(classifier, TaskDataSets.OwnExamples("heldout", ownExamplesPath))),
        ];
    }

    /// <summary>Evaluates on all sets and renders a markdown report.</summary>
    public static string Run(string sharedDataDir, ITaskClassifier? classifier = null, string? ownExamplesPath = null, bool includeConfusion = false)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Task classifier evaluation");
        foreach (var set in Evaluate(sharedDataDir, classifier, ownExamplesPath))
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"## {set.Name}");
            sb.AppendLine();
            sb.AppendLine(set.Description);
            sb.AppendLine();
            sb.Append(set.Evaluation.ToMarkdown());
            if (includeConfusion)
            {
                sb.AppendLine();
                sb.Append(set.Evaluation.ConfusionToMarkdown());
            }
        }
        return sb.ToString();
    }
}
