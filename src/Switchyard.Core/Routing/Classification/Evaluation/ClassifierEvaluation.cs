using System.Globalization;
using System.Text;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification;

/// <summary>Per-class precision, recall and F1 of one class in a <see cref="ClassifierEvaluation"/>.</summary>
public readonly record struct ClassMetrics(TaskClass Task, int Support, int Predicted, int TruePositives, double Precision, double Recall, double F1);

/// <summary>
/// Confusion matrix and metrics of a classifier on labelled rows. Per-class metrics and macro-F1 are over
/// the classes present in the expected labels; predictions of other classes count as misses.
/// </summary>
public sealed class ClassifierEvaluation
{
    private const int K = TaskClassifierModel.ClassCount;
    private readonly int[,] _confusion = new int[K, K];

    public ClassifierEvaluation(IEnumerable<(TaskClass Expected, TaskClass Predicted)> outcomes)
    {
        foreach (var (expected, predicted) in outcomes)
        {
            _confusion[(int)expected, (int)predicted]++;
            Total++;
        }
        var perClass = new List<ClassMetrics>();
        for (var c = 0; c < K; c++)
        {
            var support = 0;
            var predictedCount = 0;
            for (var j = 0; j < K; j++) { support += _confusion[c, j]; predictedCount += _confusion[j, c]; }
            if (support == 0) continue;
            var tp = _confusion[c, c];
            Correct += tp;
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics((TaskClass)c, support, predictedCount, tp, precision, recall, f1));
        }
        PerClass = perClass;
        MacroF1 = perClass.Count == 0 ? 0 : perClass.Average(m => m.F1);
    }

    /// <summary>Classifies every row and evaluates the predictions.</summary>
    public static ClassifierEvaluation Run(ITaskClassifier classifier, IEnumerable<LabelledPrompt> rows) =>
        new(rows.Select(r => (r.Task, classifier.Classify(r.Prompt).Task)).ToList());

    public int Total { get; }
    public int Correct { get; }
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
    public double MacroF1 { get; }

    /// <summary>Metrics of each class present in the expected labels, in <see cref="TaskClass"/> order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    public int Count(TaskClass expected, TaskClass predicted) => _confusion[(int)expected, (int)predicted];

    /// <summary>A markdown table of per-class metrics, macro-F1 and accuracy.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| class | support | precision | recall | F1 |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var m in PerClass)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {m.Task.Name()} | {m.Support} | {m.Precision:F2} | {m.Recall:F2} | {m.F1:F2} |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| **macro-F1** | {Total} | | | **{MacroF1:F3}** |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Accuracy {Accuracy:F3} ({Correct}/{Total}).");
        return sb.ToString();
    }

    /// <summary>The confusion matrix as a markdown table (rows: expected, columns: predicted), classes with any count only.</summary>
    public string ConfusionToMarkdown()
    {
        var used = Enumerable.Range(0, K).Where(c => Enumerable.Range(0, K).Any(j => _confusion[c, j] + _confusion[j, c] > 0)).ToList();
        var sb = new StringBuilder();
        sb.Append("| expected \\ predicted |");
        foreach (var c in used) sb.Append(CultureInfo.InvariantCulture, $" {((TaskClass)c).Name()} |");
        sb.AppendLine();
        sb.Append("|---|");
        foreach (var _ in used) sb.Append("---:|");
        sb.AppendLine();
        foreach (var r in used)
        {
            if (!PerClass.Any(m => (int)m.Task == r)) continue;
            sb.Append(CultureInfo.InvariantCulture, $"| {((TaskClass)r).Name()} |");
            foreach (var c in used) sb.Append(CultureInfo.InvariantCulture, $" {_confusion[r, c]} |");
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
