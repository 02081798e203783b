namespace Switchyard.Core.Routing.Classification;

/// <summary>Receives the features <see cref="TaskFeaturizer"/> finds: one call per occurrence.</summary>
/// <remarks>
/// A generic struct (or ref struct) sink lets the JIT specialise the featurizer for scoring (adds weights
/// into a stack buffer, no allocation) and for training (collects the features) from one piece of code,
/// so training and serving cannot drift apart.
/// </remarks>
internal interface IFeatureSink
{
    void Add(FeatureGroup group, int bucket);
}

/// <summary>
/// Feature groups. Every occurrence in a group has the same value, the group's scale
/// (see <see cref="FeatureCounts.Scale"/>): bags are divided by the square root of their size so a long
/// pasted document does not drown the instruction around it.
/// </summary>
internal enum FeatureGroup
{
    /// <summary>Word and symbol unigrams and bigrams of the whole prompt.</summary>
    Bag,
    /// <summary>Tokens among the first <see cref="TaskFeaturizer.HeadSize"/> (where instructions usually are).</summary>
    Head,
    /// <summary>Tokens among the last <see cref="TaskFeaturizer.TailSize"/> ("... Summarize the above.").</summary>
    Tail,
    /// <summary>The first word of each sentence, line or list item (imperatives: "Write", "Translate", "Classify").</summary>
    SentenceStart,
    /// <summary>Indicator features with value 1: bias, first word and first two words, scripts, code fences, indentation, symbol and number density, a final question mark.</summary>
    Fixed,
    /// <summary>Everything found in the system prompt (unigrams, bigrams, sentence starts), as one more bag.</summary>
    System,
}

/// <summary>Sizes the featurizer counted, from which each group's scale follows.</summary>
internal readonly record struct FeatureCounts(int Tokens, int Head, int Tail, int Sentences, int SystemTokens)
{
    public const int GroupCount = 6;

    public float Scale(FeatureGroup group) => group switch
    {
        FeatureGroup.Bag => InverseSqrt(Tokens),
        FeatureGroup.Head => InverseSqrt(Head),
        FeatureGroup.Tail => InverseSqrt(Tail),
        FeatureGroup.SentenceStart => InverseSqrt(Sentences),
        FeatureGroup.Fixed => 1f,
        FeatureGroup.System => InverseSqrt(SystemTokens),
        _ => 0f,
    };

    private static float InverseSqrt(int n) => n <= 1 ? 1f : 1f / MathF.Sqrt(n);
}
