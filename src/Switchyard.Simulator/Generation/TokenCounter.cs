namespace Switchyard.Simulator.Generation;

/// <summary>
/// The simulator's tokenizer, used for prompts and answers alike so that usage figures match
/// what was sent. Rule: a token is a run of up to 8 letters or digits (a longer word takes one
/// token per 8 characters), or one other visible character, or a run of whitespace; a single
/// space before a word or character belongs to that token (as in BPE vocabularies). English
/// prose comes out near one token per word, close to real tokenizers. Splitting is lossless:
/// the pieces concatenate back to the input, and the streamed deltas are exactly these pieces.
/// </summary>
internal static class TokenCounter
{
    private const int MaxWordPiece = 8;

    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i += PieceLength(text, i))
        {
            count++;
        }
        return count;
    }

    public static string[] Split(string text)
    {
        var pieces = new List<string>(text.Length / 4 + 1);
        for (var i = 0; i < text.Length;)
        {
            var length = PieceLength(text, i);
            pieces.Add(text.Substring(i, length));
            i += length;
        }
        return [.. pieces];
    }

    private static int PieceLength(ReadOnlySpan<char> s, int start)
    {
        var i = start;
        if (s[i] == ' ' && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1]))
        {
            i++;
        }
        var c = s[i];
        if (char.IsLetterOrDigit(c))
        {
            var end = Math.Min(s.Length, i + MaxWordPiece);
            while (i < end && char.IsLetterOrDigit(s[i])) i++;
            return i - start;
        }
        if (char.IsWhiteSpace(c))
        {
            // Leave the last space before a visible character to that character's token.
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                if (i > start && s[i] == ' ' && i + 1 < s.Length && !char.IsWhiteSpace(s[i + 1])) break;
                i++;
            }
            return i - start;
        }
        return char.IsHighSurrogate(c) && i + 1 < s.Length ? i + 2 - start : i + 1 - start;
    }
}
