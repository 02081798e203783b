using System.Globalization;

namespace Switchyard.Core.Tokens;

/// <summary>
/// tiktoken's pre-tokenizer regexes (Data/o200k_base.pattern.txt, Data/cl100k_base.pattern.txt) as
/// hand-written scanners over UTF-8: the same pieces as the regexes (PieceScannerTests compares them with .NET's
/// Regex running the pattern files on every reference string and thousands of random ones), in one forward pass
/// per piece with no backtracking and no allocation — about ten times faster than the compiled regex, which
/// was the encoder's bottleneck. Each method returns where the piece starting at
/// <c>i</c> ends; the comments name the alternative of the pattern each branch implements, tried in the
/// pattern's order.
/// </summary>
/// <remarks>
/// Working on code points (decoded from UTF-8) also gives tiktoken's semantics for characters above U+FFFF
/// directly, where a .NET regex would see two surrogate chars. Input must be valid UTF-8 (what
/// <see cref="System.Text.Encoding.UTF8"/> produces, lone surrogates already replaced by U+FFFD). The patterns:
/// <code>
/// o200k_base:  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
///             |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
///             |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
/// cl100k_base: (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
/// </code>
/// </remarks>
internal static class PieceScanner
{
    // Classes of a code point, as the patterns use them.
    private const byte Letter = 1;      // \p{L}
    private const byte Upper = 2;       // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]  (o200k)
    private const byte Lower = 4;       // [\p{Ll}\p{Lm}\p{Lo}\p{M}]        (o200k)
    private const byte Number = 8;      // \p{N}
    private const byte Space = 16;      // \s
    private const byte Newline = 32;    // [\r\n]

    /// <summary>Classes of every BMP code point (64 KB, built once).</summary>
    private static readonly byte[] Bmp = BuildBmp();

    /// <summary>The end of the o200k_base piece that starts at <paramref name="i"/>.</summary>
    public static int NextO200k(ReadOnlySpan<byte> s, int i)
    {
        var f = ClassAt(s, i, out var length);
        var prefixable = (f & (Letter | Number | Newline)) == 0; // [^\r\n\p{L}\p{N}]

        // [^\r\n\p{L}\p{N}]?[U]*[Lw]+(?i:'s|...)?   (prefix taken first, then without it)
        int end;
        if (prefixable && (end = UpperThenLower(s, i + length)) >= 0) return end;
        if ((f & (Upper | Lower)) != 0 && (end = UpperThenLower(s, i)) >= 0) return end;

        // [^\r\n\p{L}\p{N}]?[U]+[Lw]*(?i:'s|...)?
        if (prefixable && (end = UpperRunThenLower(s, i + length)) >= 0) return end;
        if ((f & Upper) != 0 && (end = UpperRunThenLower(s, i)) >= 0) return end;

        // \p{N}{1,3}
        if ((f & Number) != 0) return Digits(s, i);

        // " ?[^\s\p{L}\p{N}]+[\r\n/]*"
        if ((end = Symbols(s, i, f, length, slash: true)) >= 0) return end;

        // \s*[\r\n]+ | \s+(?!\S) | \s+
        return Whitespace(s, i);
    }

    /// <summary>The end of the cl100k_base piece that starts at <paramref name="i"/>.</summary>
    public static int NextCl100k(ReadOnlySpan<byte> s, int i)
    {
        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        var contraction = Contraction(s, i);
        if (contraction > 0) return i + contraction;

        var f = ClassAt(s, i, out var length);

        // [^\r\n\p{L}\p{N}]?\p{L}+
        if ((f & Letter) != 0) return Run(s, i, Letter);
        if ((f & (Letter | Number | Newline)) == 0 && i + length < s.Length && (ClassAt(s, i + length, out _) & Letter) != 0)
            return Run(s, i + length, Letter);

        // \p{N}{1,3}
        if ((f & Number) != 0) return Digits(s, i);

        // " ?[^\s\p{L}\p{N}]+[\r\n]*"
        int end;
        if ((end = Symbols(s, i, f, length, slash: false)) >= 0) return end;

        // \s*[\r\n]+ | \s+(?!\S) | \s+
        return Whitespace(s, i);
    }

    /// <summary>
    /// <c>[U]*[Lw]+</c> then an optional contraction, from <paramref name="start"/>; -1 when it does not match.
    /// The regex takes the longest U run, then backs off until Lw+ can start: at the char after the run when
    /// that is Ll, else at the last Lm/Lo/M inside the run (then Lw+ is that one char).
    /// </summary>
    private static int UpperThenLower(ReadOnlySpan<byte> s, int start)
    {
        if (start >= s.Length) return -1;
        var p = start;
        var lastLowerEnd = -1;
        while (p < s.Length)
        {
            var f = ClassAt(s, p, out var length);
            if ((f & Upper) == 0) break;
            p += length;
            if ((f & Lower) != 0) lastLowerEnd = p;
        }

        int end;
        if (p < s.Length && (ClassAt(s, p, out _) & Lower) != 0) end = Run(s, p, Lower);
        else if (lastLowerEnd >= 0) end = lastLowerEnd;
        else return -1;
        return end + Contraction(s, end);
    }

    /// <summary><c>[U]+[Lw]*</c> then an optional contraction; -1 when no U at <paramref name="start"/>.</summary>
    private static int UpperRunThenLower(ReadOnlySpan<byte> s, int start)
    {
        if (start >= s.Length) return -1;
        var p = Run(s, start, Upper);
        if (p == start) return -1;
        var end = Run(s, p, Lower);
        return end + Contraction(s, end);
    }

    /// <summary><c> ?[^\s\p{L}\p{N}]+</c> then <c>[\r\n]*</c> (or <c>[\r\n/]*</c>); -1 when it does not match.</summary>
    private static int Symbols(ReadOnlySpan<byte> s, int i, byte f, int length, bool slash)
    {
        if (s[i] == (byte)' ' && i + 1 < s.Length && IsSymbol(ClassAt(s, i + 1, out _))) i += length;
        else if (!IsSymbol(f)) return -1;

        var p = i;
        while (p < s.Length && IsSymbol(ClassAt(s, p, out var l))) p += l;
        while (p < s.Length && (s[p] == (byte)'\r' || s[p] == (byte)'\n' || (slash && s[p] == (byte)'/'))) p++;
        return p;
    }

    /// <summary>
    /// At white space: <c>\s*[\r\n]+</c> ends after the run's last newline; else <c>\s+(?!\S)</c> takes the whole
    /// run at the end of the text and all but its last char before non-space; else <c>\s+</c> (a single char).
    /// </summary>
    private static int Whitespace(ReadOnlySpan<byte> s, int i)
    {
        var p = i;
        var lastStart = i;
        var lastNewlineEnd = -1;
        while (p < s.Length)
        {
            var f = ClassAt(s, p, out var length);
            if ((f & Space) == 0) break;
            lastStart = p;
            p += length;
            if ((f & Newline) != 0) lastNewlineEnd = p;
        }

        if (lastNewlineEnd >= 0) return lastNewlineEnd;
        if (p == i) return i + Math.Max(1, Utf8Length(s[i])); // not reached: every code point is matched above
        if (p == s.Length || lastStart == i) return p;
        return lastStart;
    }

    private static int Utf8Length(byte lead) => lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;

    private static int Digits(ReadOnlySpan<byte> s, int i)
    {
        for (var n = 0; n < 3 && i < s.Length; n++)
        {
            if ((ClassAt(s, i, out var length) & Number) == 0) break;
            i += length;
        }

        return i;
    }

    private static int Run(ReadOnlySpan<byte> s, int p, byte cls)
    {
        while (p < s.Length && (ClassAt(s, p, out var length) & cls) != 0) p += length;
        return p;
    }

    /// <summary>The length of <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)</c> at <paramref name="i"/>, or 0. ASCII case-insensitive, as .NET matches it.</summary>
    private static int Contraction(ReadOnlySpan<byte> s, int i)
    {
        if (i + 1 >= s.Length || s[i] != (byte)'\'') return 0;
        switch (s[i + 1] | 0x20)
        {
            case 's' or 't' or 'm' or 'd':
                return 2;
            case 'r' or 'v':
                return i + 2 < s.Length && (s[i + 2] | 0x20) == 'e' ? 3 : 0;
            case 'l':
                return i + 2 < s.Length && (s[i + 2] | 0x20) == 'l' ? 3 : 0;
            default:
                return 0;
        }
    }

    /// <summary>Not white space, letter or number: <c>[^\s\p{L}\p{N}]</c> (marks count here, as in the regex).</summary>
    private static bool IsSymbol(byte f) => (f & (Letter | Number | Space)) == 0;

    private static byte ClassAt(ReadOnlySpan<byte> s, int i, out int length)
    {
        var b = s[i];
        if (b < 0x80)
        {
            length = 1;
            return Bmp[b];
        }

        if (b < 0xE0)
        {
            length = 2;
            return Bmp[((b & 0x1F) << 6) | (s[i + 1] & 0x3F)];
        }

        if (b < 0xF0)
        {
            length = 3;
            return Bmp[((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)];
        }

        length = 4;
        return Classify(((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F));
    }

    private static byte[] BuildBmp()
    {
        var table = new byte[0x10000];
        for (var c = 0; c < table.Length; c++) table[c] = Classify(c);
        return table;
    }

    private static byte Classify(int codePoint)
    {
        // \s is Unicode White_Space: \t \n \v \f \r, U+0085 and the separators (Zs, Zl, Zp).
        if (codePoint is '\r' or '\n') return Space | Newline;
        if (codePoint is >= 0x09 and <= 0x0D or 0x85) return Space;
        if (codePoint is >= 0xD800 and <= 0xDFFF) return 0; // never decoded from valid UTF-8
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => Letter | Upper,
            UnicodeCategory.LowercaseLetter => Letter | Lower,
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter | Upper | Lower,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Upper | Lower,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => Space,
            _ => 0,
        };
    }
}
