using System.Buffers;
using System.Text;

namespace Switchyard.Core.Tokens;

/// <summary>
/// Exact token counts and ids for OpenAI's byte-pair encodings o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series)
/// and cl100k_base (GPT-4, GPT-3.5), equal to tiktoken's <c>encode_ordinary</c>: special-token text such as
/// <c>&lt;|endoftext|&gt;</c> is encoded as ordinary text, as the chat API does with user content.
/// </summary>
/// <remarks>
/// The text's UTF-8 bytes are split into pieces exactly where the encoding's regex (Tokens/Data/*.pattern.txt)
/// splits them, by the hand-written <see cref="PieceScanner"/>; each piece is one token
/// when it is in the vocabulary, else merged by rank (<see cref="BytePairMerge"/>), with recent multi-token
/// pieces cached per thread. The rank table (embedded, Brotli-compressed, see Tokens/Data/README.md) loads on
/// first use of an encoder, once per process. Instances are thread-safe.
/// </remarks>
public sealed class TiktokenEncoder : ITokenCounter
{
    private static readonly Lazy<TiktokenEncoder> O200k =
        new(() => new TiktokenEncoder(TokenCounters.O200kBase, Scanner.O200k));

    private static readonly Lazy<TiktokenEncoder> Cl100k =
        new(() => new TiktokenEncoder(TokenCounters.Cl100kBase, Scanner.Cl100k));

    /// <summary>Texts whose UTF-8 form fits here are encoded on the stack.</summary>
    private const int StackBytes = 1024;

    private readonly Scanner _scanner;
    private readonly BpeVocabulary _vocabulary;
    private readonly ThreadLocal<PieceCache> _cache = new(() => new PieceCache());
    private readonly ThreadLocal<RecentCounts> _recent = new(() => new RecentCounts());

    private enum Scanner
    {
        O200k,
        Cl100k,
    }

    private TiktokenEncoder(string name, Scanner scanner)
    {
        Name = name;
        _scanner = scanner;
        _vocabulary = BpeVocabulary.Load(name);
    }

    /// <summary>o200k_base (GPT-4o and later OpenAI models); loaded on first use.</summary>
    public static TiktokenEncoder O200kBase => O200k.Value;

    /// <summary>cl100k_base (GPT-4, GPT-4 Turbo, GPT-3.5 Turbo, text-embedding-3); loaded on first use.</summary>
    public static TiktokenEncoder Cl100kBase => Cl100k.Value;

    internal static bool IsO200kLoaded => O200k.IsValueCreated;

    internal static bool IsCl100kLoaded => Cl100k.IsValueCreated;

    public string Name { get; }

    public bool IsExact => true;

    /// <summary>The number of ordinary tokens (ranks) in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    public int Count(string? text)
    {
        if (text is null) return 0;
        if (text.Length < RecentCounts.MinLength) return Count(text.AsSpan());
        var recent = _recent.Value!;
        if (recent.TryGet(text, out var count)) return count;
        count = Count(text.AsSpan());
        recent.Add(text, count);
        return count;
    }

    public int Count(ReadOnlySpan<char> text)
    {
        var sink = new CountingSink();
        EncodeCore(text, ref sink);
        return sink.Count;
    }

    /// <summary>The token ids of <paramref name="text"/>, as tiktoken's <c>encode_ordinary</c> returns them.</summary>
    public int[] Encode(string? text) => text is null ? [] : Encode(text.AsSpan());

    public int[] Encode(ReadOnlySpan<char> text)
    {
        var sink = new ListSink(new List<int>(text.Length / 3 + 4));
        EncodeCore(text, ref sink);
        return [.. sink.Tokens];
    }

    /// <summary>The bytes of the given tokens, concatenated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token id is not in this vocabulary.</exception>
    public byte[] DecodeBytes(ReadOnlySpan<int> tokens)
    {
        var bytes = new List<byte>(tokens.Length * 4);
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)_vocabulary.Count)
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Not a token of {Name}.");
            bytes.AddRange(_vocabulary.TokenBytes(token));
        }

        return [.. bytes];
    }

    /// <summary>The text of the given tokens (invalid UTF-8 at a cut inside a character becomes U+FFFD).</summary>
    public string Decode(ReadOnlySpan<int> tokens) => Encoding.UTF8.GetString(DecodeBytes(tokens));

    private void EncodeCore<TSink>(ReadOnlySpan<char> text, ref TSink sink) where TSink : struct, ITokenSink
    {
        if (text.IsEmpty) return;

        // One UTF-8 pass over the whole text (vectorized; lone surrogates become U+FFFD as in tiktoken), then
        // pieces are byte ranges of it: no per-piece encoding or allocation.
        var byteCount = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var utf8 = byteCount <= StackBytes ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            var bytes = utf8[..Encoding.UTF8.GetBytes(text, utf8)];
            var cache = _cache.Value!;
            var o200k = _scanner == Scanner.O200k;
            for (var i = 0; i < bytes.Length;)
            {
                var end = o200k ? PieceScanner.NextO200k(bytes, i) : PieceScanner.NextCl100k(bytes, i);
                EncodePiece(bytes[i..end], cache, ref sink);
                i = end;
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void EncodePiece<TSink>(ReadOnlySpan<byte> piece, PieceCache cache, ref TSink sink) where TSink : struct, ITokenSink
    {
        var rank = _vocabulary.Rank(piece);
        if (rank >= 0)
        {
            sink.Add(rank);
            return;
        }

        if (!cache.TryGet(piece, out var tokens))
        {
            tokens = BytePairMerge.Encode(piece, _vocabulary);
            cache.Add(piece, tokens);
        }

        sink.Add(tokens);
    }

    /// <summary>Where encoded tokens go: a counter for <see cref="Count(ReadOnlySpan{char})"/>, a list for <see cref="Encode(ReadOnlySpan{char})"/>.</summary>
    private interface ITokenSink
    {
        void Add(int token);

        void Add(int[] tokens);
    }

    private struct CountingSink : ITokenSink
    {
        public int Count;

        public void Add(int token) => Count++;

        public void Add(int[] tokens) => Count += tokens.Length;
    }

    private readonly struct ListSink(List<int> tokens) : ITokenSink
    {
        public List<int> Tokens { get; } = tokens;

        public void Add(int token) => Tokens.Add(token);

        public void Add(int[] tokens) => Tokens.AddRange(tokens);
    }
}
