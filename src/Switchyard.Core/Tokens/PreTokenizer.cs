using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Tokens;

/// <summary>
/// The regular expressions that split text into pieces before BPE, exactly as in tiktoken's rank files
/// (Data/*.pattern.txt; a test checks they agree), and the one adjustment .NET needs to run them.
/// </summary>
/// <remarks>
/// The patterns work unchanged in .NET: <c>\p{L}</c>, <c>\p{Lu}</c>, <c>\p{M}</c>, <c>\p{N}</c>, the scoped
/// <c>(?i:...)</c> and the <c>(?!\S)</c> lookahead mean the same, and .NET's <c>\s</c> is Unicode White_Space
/// like Rust's; these rank files use no possessive quantifiers. What differs is the unit: tiktoken matches code
/// points, .NET matches UTF-16 chars, so a code point above U+FFFF (emoji, CJK extension B, mathematical letters)
/// would be two "other" chars to .NET — the wrong class for a letter, and two chars where the pattern's
/// <c>[^\r\n\p{L}\p{N}]?</c> takes one. Text with surrogates is therefore matched on a shadow copy that holds
/// one BMP stand-in of the same Unicode category per code point (<see cref="BuildShadow"/>), and the matches
/// are mapped back to the original chars.
/// </remarks>
internal static partial class PreTokenizer
{
    public const string O200kPattern =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public const string Cl100kPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [GeneratedRegex(O200kPattern, RegexOptions.CultureInvariant)]
    public static partial Regex O200k();

    [GeneratedRegex(Cl100kPattern, RegexOptions.CultureInvariant)]
    public static partial Regex Cl100k();

    /// <summary>True when <paramref name="text"/> needs <see cref="BuildShadow"/> (it holds a surrogate).</summary>
    public static bool NeedsShadow(ReadOnlySpan<char> text) => text.ContainsAnyInRange('\uD800', '\uDFFF');

    /// <summary>
    /// Writes into <paramref name="shadow"/> one char per code point of <paramref name="text"/> (BMP chars as
    /// they are, each supplementary code point as a BMP char of the same category), and into
    /// <paramref name="map"/> the index in <paramref name="text"/> where each shadow char starts, plus one
    /// entry for the end. Both buffers need <c>text.Length</c> (+1 for the map) entries. Returns the shadow's length.
    /// </summary>
    public static int BuildShadow(ReadOnlySpan<char> text, Span<char> shadow, Span<int> map)
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
                // A lone surrogate stays: it is "other" to the pattern, as U+FFFD (what UTF-8 encoding makes
                // of it, here and in tiktoken) is.
                shadow[length++] = c;
                i++;
            }
        }

        map[length] = i;
        return length;
    }

    /// <summary>
    /// A BMP char of the given category. None of them is one the patterns name literally (\r, \n, space,
    /// apostrophe, slash, or a contraction letter s, t, r, e, v, m, l, d), so only the category matters.
    /// </summary>
    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => 'A',
        UnicodeCategory.LowercaseLetter => 'a',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u05D0',
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => '\u0300',
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => '0',
        // No supplementary code point is white space; everything else (emoji, symbols, private use,
        // unassigned) is "other" to the patterns.
        _ => '\uFFFD',
    };

    /// <summary>The UTF-8 bytes of one piece, as tiktoken sees them (a lone surrogate becomes U+FFFD).</summary>
    public static int GetUtf8(ReadOnlySpan<char> piece, Span<byte> destination) => Encoding.UTF8.GetBytes(piece, destination);
}
