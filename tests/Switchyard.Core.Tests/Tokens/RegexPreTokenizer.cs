using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Tests.Tokens;

/// <summary>
/// The reference pre-tokenizer: tiktoken's own regexes (src/Switchyard.Core/Tokens/Data/*.pattern.txt) run by
/// .NET's Regex, against which the encoder's hand-written <c>PieceScanner</c> is checked.
/// </summary>
/// <remarks>
/// The patterns work unchanged in .NET: <c>\p{L}</c>, <c>\p{Lu}</c>, <c>\p{M}</c>, <c>\p{N}</c>, the scoped
/// <c>(?i:...)</c> and the <c>(?!\S)</c> lookahead mean the same, .NET's <c>\s</c> is Unicode White_Space like
/// Rust's, and these patterns use no possessive quantifiers. What differs is the unit: tiktoken matches code
/// points, .NET matches UTF-16 chars, so a code point above U+FFFF (emoji, CJK extension B, mathematical
/// letters) would be two "other" chars to .NET — the wrong class for a letter, and two chars where the
/// pattern's <c>[^\r\n\p{L}\p{N}]?</c> takes one. Text with surrogates is therefore matched on a shadow copy
/// holding one BMP stand-in of the same Unicode category per code point, and the matches are mapped back.
/// </remarks>
internal static class RegexPreTokenizer
{
    private static readonly Dictionary<string, Regex> Patterns = new()
    {
        ["o200k_base"] = Load("o200k_base"),
        ["cl100k_base"] = Load("cl100k_base"),
    };

    public static string PatternFile(string encoding) =>
        Path.Combine(TokenReference.RepositoryRoot, "src", "Switchyard.Core", "Tokens", "Data", $"{encoding}.pattern.txt");

    /// <summary>The pieces of <paramref name="text"/>, each as the UTF-8 bytes tiktoken would see.</summary>
    public static List<byte[]> Pieces(string encoding, string text)
    {
        var regex = Patterns[encoding];
        var pieces = new List<byte[]>();
        var shadow = new char[text.Length];
        var map = new int[text.Length + 1];
        var length = BuildShadow(text, shadow, map);
        foreach (var match in regex.EnumerateMatches(shadow.AsSpan(0, length)))
        {
            var start = map[match.Index];
            pieces.Add(Encoding.UTF8.GetBytes(text[start..map[match.Index + match.Length]]));
        }

        return pieces;
    }

    private static Regex Load(string encoding) =>
        new(File.ReadAllText(PatternFile(encoding)), RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>One char per code point: BMP chars as they are, supplementary ones as a BMP char of the same category.</summary>
    private static int BuildShadow(string text, char[] shadow, int[] map)
    {
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            map[length] = i;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shadow[length++] = StandIn(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1])));
                i += 2;
            }
            else
            {
                // A lone surrogate stays: it is "other" to the patterns, as U+FFFD (what UTF-8 makes of it) is.
                shadow[length++] = c;
                i++;
            }
        }

        map[length] = i;
        return length;
    }

    /// <summary>None of these is a char the patterns name literally (\r \n space ' / s t r e v m l d).</summary>
    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => 'A',
        UnicodeCategory.LowercaseLetter => 'a',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u05D0',
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => '\u0300',
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => '0',
        _ => '\uFFFD',
    };
}
