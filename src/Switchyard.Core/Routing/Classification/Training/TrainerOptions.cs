namespace Switchyard.Core.Routing.Classification.Training;

/// <summary>Options of <see cref="ClassifierTrainer"/>. The defaults produced the committed weights.</summary>
public sealed record TrainerOptions
{
    /// <summary>log2 of the number of hashed feature buckets. Default 16 (65,536 buckets, a 576 KB table).</summary>
    public int BucketBits { get; init; } = 16;

    /// <summary>Passes over the training rows. Default 12.</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>AdaGrad base learning rate. Default 0.2.</summary>
    public double LearningRate { get; init; } = 0.2;

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
}
