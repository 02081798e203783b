using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification;

/// <summary>
/// Task classifier v1: a multinomial logistic regression over hashed word, bigram, position and
/// indicator features (<see cref="TaskFeaturizer"/>), trained offline by
/// <see cref="Training.ClassifierTrainer"/> and shipped as an embedded weights file.
/// Thread-safe, deterministic, no network; classifying allocates nothing.
/// </summary>
public sealed class TaskClassifier : ITaskClassifier
{
    /// <summary>Logical name of the embedded weights (Data/task-classifier.weights).</summary>
    public const string WeightsResource = "Switchyard.Core.Routing.Classification.task-classifier.weights";

    private static readonly Lazy<TaskClassifier> LazyDefault = new(() =>
    {
        using var stream = typeof(TaskClassifier).Assembly.GetManifestResourceStream(WeightsResource)
            ?? throw new InvalidOperationException($"embedded resource {WeightsResource} is missing");
        return new TaskClassifier(TaskClassifierModel.Load(stream));
    });

    private readonly TaskClassifierModel _model;

    public TaskClassifier(TaskClassifierModel model) => _model = model;

    /// <summary>The classifier with the shipped weights (loaded once, on first use).</summary>
    public static TaskClassifier Default => LazyDefault.Value;

    public TaskClassifierModel Model => _model;

    public TaskPrediction Classify(string prompt, string? system = null) => Classify(prompt.AsSpan(), system.AsSpan());

    public TaskPrediction Classify(ReadOnlySpan<char> prompt, ReadOnlySpan<char> system)
    {
        Span<double> p = stackalloc double[TaskClassifierModel.ClassCount];
        Probabilities(prompt, system, p);
        int best = 0, second = 1;
        if (p[second] > p[best]) (best, second) = (second, best);
        for (var c = 2; c < p.Length; c++)
        {
            if (p[c] > p[best]) { second = best; best = c; }
            else if (p[c] > p[second]) second = c;
        }
        return new TaskPrediction((TaskClass)best, p[best], (TaskClass)second, p[second]);
    }

    /// <summary>Writes the probability of every class (indexed by <see cref="TaskClass"/>) into <paramref name="probabilities"/>.</summary>
    public void Probabilities(ReadOnlySpan<char> prompt, ReadOnlySpan<char> system, Span<double> probabilities)
    {
        const int k = TaskClassifierModel.ClassCount;
        if (probabilities.Length < k) throw new ArgumentException($"needs room for {k} classes", nameof(probabilities));
        Span<float> accumulators = stackalloc float[FeatureCounts.GroupCount * k];
        accumulators.Clear();
        if ((uint)_model.Table.Length != (uint)(_model.BucketMask + 1) * k) throw new InvalidOperationException("weights table has the wrong size");
        var sink = new ScoringSink(_model.Table, _model.Decode, accumulators);
        var counts = TaskFeaturizer.Featurize(prompt, system, _model.BucketMask, ref sink);

        Span<double> scores = stackalloc double[k];
        scores.Clear();
        for (var g = 0; g < FeatureCounts.GroupCount; g++)
        {
            var scale = counts.Scale((FeatureGroup)g);
            for (var c = 0; c < k; c++) scores[c] += scale * accumulators[g * k + c];
        }
        Softmax(scores, probabilities);
    }

    internal static void Softmax(ReadOnlySpan<double> scores, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores) max = Math.Max(max, s);
        var sum = 0.0;
        for (var c = 0; c < scores.Length; c++) sum += probabilities[c] = Math.Exp(scores[c] - max);
        for (var c = 0; c < scores.Length; c++) probabilities[c] /= sum;
    }

    private ref struct ScoringSink(ReadOnlySpan<sbyte> table, ReadOnlySpan<float> decode, Span<float> accumulators) : IFeatureSink
    {
        private readonly ReadOnlySpan<sbyte> _table = table;
        private readonly ReadOnlySpan<float> _decode = decode;
        private readonly Span<float> _accumulators = accumulators;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Add(FeatureGroup group, int bucket)
        {
            // Hot loop (a few thousand calls for a long prompt): no bounds checks. bucket is masked to the
            // table size by the featurizer and group is one of FeatureCounts.GroupCount values.
            const int k = TaskClassifierModel.ClassCount;
            ref var row = ref Unsafe.Add(ref MemoryMarshal.GetReference(_table), bucket * k);
            ref var acc = ref Unsafe.Add(ref MemoryMarshal.GetReference(_accumulators), (int)group * k);
            ref var decode = ref MemoryMarshal.GetReference(_decode);
            for (var c = 0; c < k; c++)
                Unsafe.Add(ref acc, c) += Unsafe.Add(ref decode, (byte)Unsafe.Add(ref row, c));
        }
    }
}
