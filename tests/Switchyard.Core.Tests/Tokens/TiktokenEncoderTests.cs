using System.Text;
using Switchyard.Core.Tokens;

namespace Switchyard.Core.Tests.Tokens;

public sealed class TiktokenEncoderTests
{
    public static TheoryData<string, string> NamedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in TokenReference.Cases.Where(c => !c.IsFuzz))
        {
            data.Add(c.Name, TokenCounters.O200kBase);
            data.Add(c.Name, TokenCounters.Cl100kBase);
        }

        return data;
    }

    private static TiktokenEncoder Encoder(string name) => (TiktokenEncoder)TokenCounters.For(name);

    [Theory]
    [MemberData(nameof(NamedCases))]
    public void Ids_and_count_equal_tiktoken(string caseName, string encoding)
    {
        var reference = TokenReference.Get(caseName);
        var encoder = Encoder(encoding);

        Assert.Equal(reference.Expected(encoding), encoder.Encode(reference.Text));
        Assert.Equal(reference.Expected(encoding).Length, encoder.Count(reference.Text));
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Seeded_fuzz_strings_equal_tiktoken(string encoding)
    {
        var encoder = Encoder(encoding);
        var fuzz = TokenReference.Cases.Where(c => c.IsFuzz).ToList();
        Assert.NotEmpty(fuzz);

        var mismatches = fuzz
            .Where(c => !encoder.Encode(c.Text).SequenceEqual(c.Expected(encoding)))
            .Select(c => $"{c.Name} {Escape(c.Text)}: expected [{string.Join(",", c.Expected(encoding))}] got [{string.Join(",", encoder.Encode(c.Text))}]")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Cookbook_examples()
    {
        // OpenAI cookbook, "How to count tokens with tiktoken", sections 2 and 5.
        Assert.Equal([83, 1609, 5963, 374, 2294, 0], TiktokenEncoder.Cl100kBase.Encode("tiktoken is great!"));
        Assert.Equal([8930, 9697, 243, 128225, 8930, 17693, 4344, 48669], TiktokenEncoder.O200kBase.Encode("お誕生日おめでとう"));
        Assert.Equal([33334, 45918, 243, 21990, 9080, 33334, 62004, 16556, 78699], TiktokenEncoder.Cl100kBase.Encode("お誕生日おめでとう"));
    }

    [Theory]
    [InlineData("o200k_base", 199998)]
    [InlineData("cl100k_base", 100256)]
    public void Vocabulary_has_every_rank(string encoding, int size) => Assert.Equal(size, Encoder(encoding).VocabularySize);

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Empty_and_null_are_zero_tokens(string encoding)
    {
        var encoder = Encoder(encoding);
        Assert.Equal(0, encoder.Count(""));
        Assert.Equal(0, encoder.Count((string?)null));
        Assert.Equal(0, encoder.Count(ReadOnlySpan<char>.Empty));
        Assert.Empty(encoder.Encode(""));
        Assert.Equal("", encoder.Decode([]));
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Decode_round_trips(string encoding)
    {
        var encoder = Encoder(encoding);
        foreach (var c in TokenReference.Cases)
        {
            var utf8 = Encoding.UTF8.GetBytes(c.Text); // what tiktoken encodes (a lone surrogate becomes U+FFFD)
            Assert.Equal(utf8, encoder.DecodeBytes(encoder.Encode(c.Text)));
        }
    }

    [Fact]
    public void Decode_rejects_unknown_ids() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TiktokenEncoder.Cl100kBase.DecodeBytes([100256]));

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Parallel_encoding_gives_the_sequential_results(string encoding)
    {
        var encoder = Encoder(encoding);
        var cases = TokenReference.Cases;
        var expected = cases.Select(c => c.Expected(encoding)).ToArray();
        var failures = 0;

        Parallel.For(0, cases.Count * 8, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var index = (i * 7919) % cases.Count;
            var text = cases[index].Text;
            if (!encoder.Encode(text).SequenceEqual(expected[index]) || encoder.Count(text) != expected[index].Length)
                Interlocked.Increment(ref failures);
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Heap_merge_equals_linear_merge()
    {
        // Pieces up to BytePairMerge.LinearLimit bytes take the quadratic scan; longer ones the heap. Both must
        // merge in the same order, so compare them on the same pieces: real text and random bytes.
        var random = new Random(42);
        var pieces = TokenReference.Cases.Select(c => Encoding.UTF8.GetBytes(c.Text))
            .SelectMany(b => Enumerable.Range(0, Math.Max(0, b.Length - 1) / 16 + 1).Select(i => b.AsSpan(i * 16, Math.Min(b.Length - i * 16, 1 + random.Next(BytePairMerge.LinearLimit))).ToArray()))
            .Where(b => b.Length > 0)
            .Concat(Enumerable.Range(0, 200).Select(_ =>
            {
                var bytes = new byte[1 + random.Next(BytePairMerge.LinearLimit)];
                for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(random.Next(4) == 0 ? random.Next(256) : "aaab e"[random.Next(6)]);
                return bytes;
            }))
            .ToList();

        foreach (var encoding in new[] { "o200k_base", "cl100k_base" })
        {
            var vocab = VocabularyOf(encoding);
            foreach (var piece in pieces)
                Assert.Equal(BytePairMerge.EncodeLinear(piece, vocab), BytePairMerge.EncodeWithHeap(piece, vocab));
        }
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Long_runs_count_in_linear_time(string encoding)
    {
        // One piece of 200,000 letters: quadratic merging would take minutes.
        var encoder = Encoder(encoding);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var count = encoder.Count(new string('a', 200_000));
        Assert.InRange(count, 200_000 / 16, 200_000);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Shipped_patterns_are_tiktokens(string encoding) =>
        Assert.Equal(TokenReference.Patterns[encoding], File.ReadAllText(RegexPreTokenizer.PatternFile(encoding)));

    private static BpeVocabulary VocabularyOf(string encoding) => BpeVocabulary.Load(encoding);

    private static string Escape(string text) =>
        string.Concat(text.Select(ch => ch < 0x20 || ch > 0x7e ? $"\\u{(int)ch:x4}" : ch.ToString()));
}
