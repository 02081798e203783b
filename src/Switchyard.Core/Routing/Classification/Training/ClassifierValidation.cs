using System.Globalization;
using System.Text;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification.Training;

/// <summary>
/// Model selection on validation data only: our own examples' held-out rows, out-of-fold predictions on our own
/// training rows (k-fold: each fold is trained without its own rows) and the llmrouter-task-queries <em>train</em>
/// rows that the per-task cap leaves unused. The evaluation sets (MT-Bench, just-eval, llmrouter test) are not
/// scored here; <see cref="TrainingCorpus"/> reads them only to drop overlapping training rows.
/// </summary>
public static class ClassifierValidation
{
    public sealed record Result(TrainerOptions Options, ClassifierEvaluation OwnHeldOut, ClassifierEvaluation LlmRouterLeftover,
        ClassifierEvaluation? OwnOutOfFold, string? BestExtraBias = null, double BestExtraBiasOutOfFoldF1 = 0,
        ClassifierEvaluation? Probe = null)
    {
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.AppendLine(Options.ToString());
            sb.Append(CultureInfo.InvariantCulture, $"own held-out macro-F1 {OwnHeldOut.MacroF1:F3} (acc {OwnHeldOut.Accuracy:F3}); ");
            if (OwnOutOfFold is not null) sb.Append(CultureInfo.InvariantCulture, $"own out-of-fold macro-F1 {OwnOutOfFold.MacroF1:F3} (acc {OwnOutOfFold.Accuracy:F3}); ");
            sb.AppendLine(CultureInfo.InvariantCulture, $"llmrouter train leftover ({LlmRouterLeftover.Total}) macro-F1 {LlmRouterLeftover.MacroF1:F3}");
            if (BestExtraBias is not null)
                sb.AppendLine(CultureInfo.InvariantCulture, $"best extra class bias on out-of-fold: \"{BestExtraBias}\" → out-of-fold macro-F1 {BestExtraBiasOutOfFoldF1:F3}");
            if (Probe is not null)
                sb.AppendLine(CultureInfo.InvariantCulture, $"probe ({Probe.Total}) macro-F1 {Probe.MacroF1:F3} (acc {Probe.Accuracy:F3})");
            return sb.ToString();
        }

        public string Details()
        {
            var sb = new StringBuilder(ToString());
            sb.AppendLine().AppendLine("own held-out:").Append(OwnHeldOut.ToMarkdown()).AppendLine().Append(OwnHeldOut.ConfusionToMarkdown());
            if (OwnOutOfFold is not null)
                sb.AppendLine().AppendLine("own out-of-fold:").Append(OwnOutOfFold.ToMarkdown()).AppendLine().Append(OwnOutOfFold.ConfusionToMarkdown());
            sb.AppendLine().AppendLine("llmrouter train leftover:").Append(LlmRouterLeftover.ToMarkdown());
            if (Probe is not null)
                sb.AppendLine().AppendLine("probe:").Append(Probe.ToMarkdown()).AppendLine().Append(Probe.ConfusionToMarkdown());
            return sb.ToString();
        }
    }

    /// <param name="folds">0: no out-of-fold pass; otherwise the number of folds over our own training rows.</param>
    /// <param name="probePath">
    /// Optional labelled rows in the own-examples format (every row scored, whatever its split) that the model
    /// is not trained on, e.g. a new batch of examples written in another hand before it is added to the data.
    /// </param>
    public static Result Run(string sharedDataDir, string ownExamplesPath, TrainerOptions options, int folds = 0, int leftoverPerTask = 40,
        string? probePath = null)
    {
        var corpus = TrainingCorpus.Build(sharedDataDir, ownExamplesPath, options);
        var classifier = new TaskClassifier(ClassifierTrainer.Fit(ClassifierTrainer.Weigh(corpus.Rows, options), options, "validation"));

        var used = corpus.Rows.Select(r => r.Prompt).ToHashSet(StringComparer.Ordinal);
        var leftover = TaskDataSets.LlmRouterTasks(sharedDataDir, "train").Where(r => !used.Contains(r.Prompt))
            .GroupBy(r => r.Source).SelectMany(g => g.Take(leftoverPerTask)).ToList();
        var heldOut = ClassifierEvaluation.Run(classifier, TaskDataSets.OwnExamples("heldout", ownExamplesPath));
        var bench = ClassifierEvaluation.Run(classifier, leftover);
        var probe = probePath is null ? null
            : ClassifierEvaluation.Run(classifier, [.. TaskDataSets.OwnExamples("train", probePath), .. TaskDataSets.OwnExamples("heldout", probePath)]);

        ClassifierEvaluation? outOfFold = null;
        string? bestBias = null;
        var bestBiasF1 = 0.0;
        if (folds > 1)
        {
            var outcomes = new List<(TaskClass, TaskClass)>();
            var logProbabilities = new List<(TaskClass Task, double[] LogP)>();
            for (var f = 0; f < folds; f++)
            {
                var own = 0;
                var train = new List<LabelledPrompt>();
                var test = new List<LabelledPrompt>();
                foreach (var r in corpus.Rows)
                {
                    if (!r.Source.StartsWith("own:", StringComparison.Ordinal)) { train.Add(r); continue; }
                    (own++ % folds == f ? test : train).Add(r);
                }
                var foldClassifier = new TaskClassifier(ClassifierTrainer.Fit(ClassifierTrainer.Weigh(train, options), options, "fold"));
                outcomes.AddRange(test.Select(r => (r.Task, foldClassifier.Classify(r.Prompt).Task)));
                foreach (var r in test)
                {
                    var p = new double[TaskClassifierModel.ClassCount];
                    foldClassifier.Probabilities(r.Prompt, default, p);
                    logProbabilities.Add((r.Task, Array.ConvertAll(p, Math.Log)));
                }
            }
            outOfFold = new ClassifierEvaluation(outcomes);
            (bestBias, bestBiasF1) = SearchBias(logProbabilities);
        }
        return new Result(options, heldOut, bench, outOfFold, bestBias, bestBiasF1, probe);
    }

    /// <summary>
    /// Grid search of extra prior offsets for chat, reasoning and creative writing (the classes the natural
    /// traffic confuses) on out-of-fold log-probabilities; ties go to the smallest total offset.
    /// </summary>
    private static (string Bias, double MacroF1) SearchBias(List<(TaskClass Task, double[] LogP)> rows)
    {
        double[] grid = [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];
        var best = ("", -1.0, double.MaxValue);
        foreach (var chat in grid)
            foreach (var reasoning in grid)
                foreach (var creative in grid)
                {
                    var bias = new double[TaskClassifierModel.ClassCount];
                    bias[(int)TaskClass.Chat] = chat;
                    bias[(int)TaskClass.Reasoning] = reasoning;
                    bias[(int)TaskClass.CreativeWriting] = creative;
                    var f1 = new ClassifierEvaluation(rows.Select(r =>
                    {
                        var top = 0;
                        for (var c = 1; c < bias.Length; c++)
                            if (r.LogP[c] + bias[c] > r.LogP[top] + bias[top]) top = c;
                        return (r.Task, (TaskClass)top);
                    }).ToList()).MacroF1;
                    var size = Math.Abs(chat) + Math.Abs(reasoning) + Math.Abs(creative);
                    if (f1 > best.Item2 + 1e-9 || (Math.Abs(f1 - best.Item2) <= 1e-9 && size < best.Item3))
                        best = (string.Create(CultureInfo.InvariantCulture, $"chat:{chat},reasoning:{reasoning},creative_writing:{creative}"), f1, size);
                }
        return (best.Item1, best.Item2);
    }

    /// <summary>Parses "Name=value" overrides of <see cref="TrainerOptions"/> (for retrain.cs --validate).</summary>
    public static TrainerOptions Parse(IEnumerable<string> overrides, TrainerOptions? start = null)
    {
        var options = start ?? new TrainerOptions();
        foreach (var a in overrides)
        {
            var eq = a.IndexOf('=');
            if (eq < 0) throw new ArgumentException($"expected Name=value, got '{a}'");
            var (k, v) = (a[..eq], a[(eq + 1)..]);
            double D() => double.Parse(v, CultureInfo.InvariantCulture);
            options = k switch
            {
                nameof(TrainerOptions.BucketBits) => options with { BucketBits = (int)D() },
                nameof(TrainerOptions.Epochs) => options with { Epochs = (int)D() },
                nameof(TrainerOptions.LearningRate) => options with { LearningRate = D() },
                nameof(TrainerOptions.L2) => options with { L2 = D() },
                nameof(TrainerOptions.Seed) => options with { Seed = (int)D() },
                nameof(TrainerOptions.MaxRowsPerSourceTask) => options with { MaxRowsPerSourceTask = (int)D() },
                nameof(TrainerOptions.OwnExampleShare) => options with { OwnExampleShare = D() },
                nameof(TrainerOptions.ClassBias) => options with { ClassBias = v },
                nameof(TrainerOptions.ExcludeSources) => options with { ExcludeSources = v },
                _ => throw new ArgumentException($"unknown option '{k}'"),
            };
        }
        return options;
    }
}
