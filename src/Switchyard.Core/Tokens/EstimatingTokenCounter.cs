namespace Switchyard.Core.Tokens;

/// <summary>
/// A token estimate for providers whose tokenizer is not public (Anthropic, Google, Mistral, xAI, and the
/// open-weight models served by others): <c>ceil(asciiChars / 4 + nonAsciiUtf8Bytes / 3)</c>.
/// </summary>
/// <remarks>
/// Why this rule:
/// <list type="bullet">
/// <item>ASCII text (English prose, code, JSON) runs at about 4 characters per token in the published rules
/// of thumb of OpenAI and Google, and within ~20% of that for the open tokenizers (Llama 3, Mistral Tekken,
/// Qwen). A flat "characters / 4" alone badly undercounts everything else.</item>
/// <item>Non-ASCII text is where tokenizers differ most; counting its UTF-8 bytes / 3 gives one token per
/// CJK, Devanagari or Thai character (3 bytes each; the tokenizers above give 0.6–1.3 per character),
/// two tokens per three Cyrillic, Greek, Arabic or Hebrew letters (2 bytes), and 1⅓ per emoji (4 bytes).
/// That sits at or above the real counts of the large modern vocabularies, which is the safe side for the
/// callers: the context-window filter and budgets would rather reserve a little too much than admit a
/// prompt that does not fit.</item>
/// <item>It needs no data, one pass over the UTF-16 text, and no allocation.</item>
/// </list>
/// Counts are an estimate (<see cref="IsExact"/> is false): cost computed from them is marked estimated.
/// </remarks>
public sealed class EstimatingTokenCounter : ITokenCounter
{
    /// <summary>ASCII characters per token (the rule's first divisor).</summary>
    public const int AsciiCharsPerToken = 4;

    /// <summary>UTF-8 bytes of non-ASCII characters per token (the rule's second divisor).</summary>
    public const int NonAsciiBytesPerToken = 3;

    public static EstimatingTokenCounter Instance { get; } = new();

    public string Name => TokenCounters.Estimate;

    public bool IsExact => false;

    public int Count(string? text) => text is null ? 0 : Count(text.AsSpan());

    public int Count(ReadOnlySpan<char> text)
    {
        long ascii = 0, otherBytes = 0;
        foreach (var c in text)
        {
            if (c < 0x80) ascii++;
            else if (c < 0x800) otherBytes += 2;
            // A surrogate pair is one 4-byte code point: 2 for each half. A lone surrogate becomes U+FFFD
            // (3 bytes) on the wire; counting it as 2 is within the estimate's precision.
            else if (char.IsSurrogate(c)) otherBytes += 2;
            else otherBytes += 3;
        }

        // ceil(a/4 + b/3) = ceil((3a + 4b) / 12), in integers.
        var twelfths = ascii * 3 + otherBytes * 4;
        return (int)Math.Min(int.MaxValue, (twelfths + 11) / 12);
    }
}
