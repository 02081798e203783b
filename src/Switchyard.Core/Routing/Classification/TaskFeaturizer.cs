namespace Switchyard.Core.Routing.Classification;

/// <summary>
/// Turns a prompt into hashed features in one pass over its characters, without allocating:
/// lower-cased word and symbol unigrams and bigrams, the words that open sentences, the first and
/// last tokens, and a few indicators (length, line count, scripts, code fences, symbol and number
/// density). Shared by the trainer and the classifier.
/// </summary>
internal static class TaskFeaturizer
{
    public const int HeadSize = 16;
    public const int TailSize = 16;

    /// <summary>Prompts longer than this are read as their first <see cref="LongHead"/> and last <see cref="LongTail"/> characters.</summary>
    public const int MaxChars = 24_000;
    public const int LongHead = 16_000;
    public const int LongTail = 8_000;

    public static FeatureCounts Featurize<TSink>(ReadOnlySpan<char> prompt, ReadOnlySpan<char> system, int bucketMask, ref TSink sink)
        where TSink : IFeatureSink, allows ref struct
    {
        Span<uint> tail = stackalloc uint[TailSize];
        var scanner = new TokenScanner<TSink>(sink, bucketMask, tail, isSystem: false);
        if (prompt.Length <= MaxChars)
        {
            scanner.Scan(prompt);
        }
        else
        {
            scanner.Scan(prompt[..LongHead]);
            scanner.Break();
            scanner.Scan(prompt[^LongTail..]);
        }
        scanner.Finish(prompt);
        var counts = scanner.Counts;

        if (!system.IsEmpty)
        {
            var systemScanner = new TokenScanner<TSink>(sink, bucketMask, tail, isSystem: true);
            systemScanner.Scan(system.Length <= MaxChars ? system : system[..MaxChars]);
            counts = counts with { SystemTokens = systemScanner.Counts.Tokens };
        }
        return counts;
    }
}
