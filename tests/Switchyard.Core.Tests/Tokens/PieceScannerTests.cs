using System.Text;
using Switchyard.Core.Tokens;

namespace Switchyard.Core.Tests.Tokens;

/// <summary>The hand-written scanners split text exactly where tiktoken's regexes do.</summary>
public sealed class PieceScannerTests
{
    private static readonly string[] Alphabet =
    [
        "a", "b", "s", "t", "d", "l", "m", "r", "e", "v", "Z", "Q", "S", "T", "L", "R", "'", "'", "’", " ", " ", " ", "\t", "\n",
        "\r", "\v", "\f", "0", "7", "٣", "½", "Ⅻ", ".", ",", "/", "//", "-", "_", "!", "?", "(", "{", "\"", "é", "É", "ß", "ǅ", "ʰ",
        "ª", "\u0301", "\u0308", "\u0903", "\u20DD", "中", "の", "ア", "한", "ก", "ม", "😀", "👍🏽", "🇯🇵", "𝐀", "𝑥", "𝟏", "𠀀", "𐐀", "𐐨",
        "\u00A0", "\u3000", "\u2003", "\u2028", "\u0085", "\u200B", "ſ", "K", "İ", "ı", "\uD800", "\uDC00", "\uFFFD", "\u0000",
    ];

    public static TheoryData<string> Encodings() => ["o200k_base", "cl100k_base"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Reference_strings_split_as_the_regex_splits_them(string encoding)
    {
        foreach (var c in TokenReference.Cases) AssertSameSplit(encoding, c.Text);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Random_strings_split_as_the_regex_splits_them(string encoding)
    {
        var random = new Random(20261122);
        for (var n = 0; n < 4000; n++)
        {
            var text = new StringBuilder();
            var length = 1 + random.Next(48);
            for (var i = 0; i < length; i++)
            {
                var roll = random.Next(10);
                if (roll < 7) text.Append(Alphabet[random.Next(Alphabet.Length)]);
                else if (roll < 9) text.Append((char)random.Next(0x20, 0xD800)); // any BMP code point below the surrogates
                else text.Append(char.ConvertFromUtf32(0x10000 + random.Next(0x30000)));
            }

            AssertSameSplit(encoding, text.ToString());
        }
    }

    private static void AssertSameSplit(string encoding, string text)
    {
        var expected = RegexPreTokenizer.Pieces(encoding, text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        var actual = new List<byte[]>();
        for (var i = 0; i < utf8.Length;)
        {
            var end = encoding == "o200k_base" ? PieceScanner.NextO200k(utf8, i) : PieceScanner.NextCl100k(utf8, i);
            Assert.True(end > i, "the scanner must advance");
            actual.Add(utf8[i..end]);
            i = end;
        }

        if (!expected.Select(Convert.ToHexString).SequenceEqual(actual.Select(Convert.ToHexString)))
        {
            Assert.Fail($"{encoding} split differs for {Escape(text)}\n regex:   {Show(expected)}\n scanner: {Show(actual)}");
        }
    }

    private static string Show(List<byte[]> pieces) => string.Join(" | ", pieces.Select(p => Escape(Encoding.UTF8.GetString(p))));

    private static string Escape(string text) =>
        string.Concat(text.Select(ch => ch < 0x20 || ch > 0x7e ? $"\\u{(int)ch:x4}" : ch.ToString()));
}
