namespace Switchyard.Core.Routing.Classification.Training;

/// <summary>Options of <see cref="ClassifierTrainer"/>. The defaults produced the committed weights.</summary>
public sealed record TrainerOptions
{
    /// <summary>log2 of the number of hashed feature buckets. Default 16 (65,536 buckets, a 576 KB table).</summary>
    public int BucketBits { get; init; } = 16;

    /// <summary>Passes over the training rows. Default 12.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>AdaGrad base learning rate. Default 0.1 (chosen over 0.05 and 0.2 on validation data).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>L2 penalty, applied to the weights a row touches. Default 1e-4.</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Seed of the shuffle between epochs (training is deterministic). Default 17.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>At most this many rows per public source task (e.g. llmrouter "gsm8k"), taken in file order. Default 150.</summary>
    public int MaxRowsPerSourceTask { get; init; } = 150;

    /// <summary>
    /// Share of a class's total weight given to our own (natural, hand-written) examples when the class also
    /// has public benchmark rows; the public rows share the rest. Every class gets the same total weight.
    /// Default 0.8.
    /// </summary>
    public double OwnExampleShare { get; init; } = 0.8;

    /// <summary>
    /// Per-class offsets added to the trained bias weight (a prior), as "class:value" pairs separated by
    /// commas, e.g. "chat:0.4,reasoning:-0.3". Chosen on validation data only (see tune.cs). Default none.
    /// </summary>
    public string ClassBias { get; init; } = "";

    /// <summary>
    /// Public source tasks left out of the corpus, comma-separated. Default: the science-exam multiple-choice sets
    /// (ARC-Challenge, OpenBookQA, GPQA). Labelled reasoning by the mapping, they taught the model that
    /// science vocabulary means reasoning, so natural "explain why ..." science questions (chat) went to reasoning;
    /// leaving them out was better on our held-out rows and on batches of new examples scored before they were
    /// added (see Data/README.md), at a cost on benchmark-formatted rows.
    /// </summary>
    public string ExcludeSources { get; init; } = "llmrouter:arc_challenge,llmrouter:openbook_qa,llmrouter:gpqa";

    /// <summary>The parsed <see cref="ClassBias"/>, indexed by class.</summary>
    public double[] ParseClassBias()
    {
        var bias = new double[TaskClassifierModel.ClassCount];
        foreach (var pair in ClassBias.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon < 0 || !Switchyard.Core.Catalog.TaskClassNames.TryParse(pair[..colon], out var task))
                throw new FormatException($"bad class bias '{pair}'");
            bias[(int)task] += double.Parse(pair[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        return bias;
    }
}
