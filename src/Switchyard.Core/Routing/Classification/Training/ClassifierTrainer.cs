using System.Globalization;
using System.Text;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification.Training;

/// <summary>
/// Trains the task classifier offline: multinomial logistic regression over the features of
/// <see cref="TaskFeaturizer"/>, AdaGrad with a sparse L2 penalty, class-balanced row weights, a fixed
/// shuffle seed (same data and options → same weights file). Retrain with
/// <c>ClassifierTrainer.Train(sharedDataDir, ownExamplesPath, outputPath)</c> (see Data/README.md).
/// </summary>
public static class ClassifierTrainer
{
    public sealed record Report(TaskClassifierModel Model, int TrainingRows, int DroppedAsOverlapping,
        IReadOnlyDictionary<string, int> RowsBySource, double TrainingAccuracy, ClassifierEvaluation HeldOut)
    {
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Trained on {TrainingRows} rows ({DroppedAsOverlapping} dropped as overlapping evaluation prompts).");
            foreach (var (source, count) in RowsBySource) sb.AppendLine(CultureInfo.InvariantCulture, $"  {source}: {count}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"Training accuracy {TrainingAccuracy:F3}; own held-out macro-F1 {HeldOut.MacroF1:F3}, accuracy {HeldOut.Accuracy:F3}.");
            return sb.ToString();
        }
    }

    /// <summary>Builds the corpus, trains, writes the weights file to <paramref name="outputPath"/> and reports.</summary>
    public static Report Train(string sharedDataDir, string ownExamplesPath, string outputPath, TrainerOptions? options = null)
    {
        options ??= new TrainerOptions();
        var corpus = TrainingCorpus.Build(sharedDataDir, ownExamplesPath, options);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"task classifier v1; {corpus.Rows.Count} rows: {string.Join(", ", corpus.RowsBySource.Select(p => $"{p.Key} {p.Value}"))}; {options}");
        var model = Fit(Weigh(corpus.Rows, options), options, description);
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (directory is not null) Directory.CreateDirectory(directory);
        model.Save(outputPath);

        var classifier = new TaskClassifier(model);
        var correct = corpus.Rows.Count(r => classifier.Classify(r.Prompt).Task == r.Task);
        var heldOut = ClassifierEvaluation.Run(classifier, TaskDataSets.OwnExamples("heldout", ownExamplesPath));
        return new Report(model, corpus.Rows.Count, corpus.DroppedAsOverlapping, corpus.RowsBySource, (double)correct / Math.Max(1, corpus.Rows.Count), heldOut);
    }

    /// <summary>
    /// Row weights: every class gets the same total weight; within a class that has both, our own examples
    /// get <see cref="TrainerOptions.OwnExampleShare"/> of it. Normalized to a mean of 1.
    /// </summary>
    public static List<(LabelledPrompt Row, double Weight)> Weigh(IReadOnlyList<LabelledPrompt> rows, TrainerOptions options)
    {
        static bool IsOwn(LabelledPrompt r) => r.Source.StartsWith("own:", StringComparison.Ordinal);
        var ownCount = new int[TaskClassifierModel.ClassCount];
        var publicCount = new int[TaskClassifierModel.ClassCount];
        foreach (var r in rows) (IsOwn(r) ? ownCount : publicCount)[(int)r.Task]++;
        var present = Enumerable.Range(0, TaskClassifierModel.ClassCount).Count(c => ownCount[c] + publicCount[c] > 0);

        var weighted = new List<(LabelledPrompt, double)>(rows.Count);
        foreach (var r in rows)
        {
            var c = (int)r.Task;
            var ownShare = ownCount[c] == 0 ? 0 : publicCount[c] == 0 ? 1 : options.OwnExampleShare;
            var share = IsOwn(r) ? ownShare / ownCount[c] : (1 - ownShare) / publicCount[c];
            weighted.Add((r, share * rows.Count / present));
        }
        return weighted;
    }

    public static TaskClassifierModel Fit(IReadOnlyList<(LabelledPrompt Row, double Weight)> rows, TrainerOptions options, string description)
    {
        const int k = TaskClassifierModel.ClassCount;
        var mask = (1 << options.BucketBits) - 1;
        var examples = rows.Select(r => (Features: SparseFeatures.Of(r.Row.Prompt, mask), Label: (int)r.Row.Task, r.Weight)).ToArray();

        var weights = new float[(mask + 1) * k];
        var squares = new float[weights.Length];
        var order = Enumerable.Range(0, examples.Length).ToArray();
        var random = new Random(options.Seed);
        Span<double> scores = stackalloc double[k];
        Span<double> p = stackalloc double[k];
        var lr = (float)options.LearningRate;
        var l2 = (float)options.L2;

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var (features, label, weight) = examples[index];
                scores.Clear();
                for (var f = 0; f < features.Buckets.Length; f++)
                {
                    var row = features.Buckets[f] * k;
                    var value = features.Values[f];
                    for (var c = 0; c < k; c++) scores[c] += weights[row + c] * value;
                }
                TaskClassifier.Softmax(scores, p);
                for (var f = 0; f < features.Buckets.Length; f++)
                {
                    var row = features.Buckets[f] * k;
                    var value = features.Values[f];
                    for (var c = 0; c < k; c++)
                    {
                        var i = row + c;
                        var gradient = (float)(weight * (p[c] - (c == label ? 1 : 0)) * value) + l2 * weights[i];
                        squares[i] += gradient * gradient;
                        weights[i] -= lr * gradient / (MathF.Sqrt(squares[i]) + 1e-6f);
                    }
                }
            }
        }
        // The class prior: the bias feature (the only feature of an empty prompt) gets the offsets.
        var bias = options.ParseClassBias();
        var biasBucket = SparseFeatures.Of("", mask).Buckets.Single();
        for (var c = 0; c < k; c++) weights[biasBucket * k + c] += (float)bias[c];
        return TaskClassifierModel.FromWeights(weights, options.BucketBits, description);
    }
}
