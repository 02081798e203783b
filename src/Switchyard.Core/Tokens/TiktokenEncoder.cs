using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Tokens;

/// <summary>
/// Exact token counts and ids for OpenAI's byte-pair encodings o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series)
/// and cl100k_base (GPT-4, GPT-3.5), equal to tiktoken's <c>encode_ordinary</c>: special-token text such as
/// <c>&lt;|endoftext|&gt;</c> is encoded as ordinary text, as the chat API does with user content.
/// </summary>
/// <remarks>
/// Text is split by the encoding's regex (<see cref="PreTokenizer"/>); each piece's UTF-8 bytes are one token
/// when they are in the vocabulary, else merged by rank (<see cref="BytePairMerge"/>), with recent multi-token
/// pieces cached per thread. The rank table (embedded, Brotli-compressed, see Tokens/Data/README.md) loads on
/// first use of an encoder, once per process. Instances are thread-safe.
/// </remarks>
public sealed class TiktokenEncoder : ITokenCounter
{
    private static readonly Lazy<TiktokenEncoder> O200k =
        new(() => new TiktokenEncoder(TokenCounters.O200kBase, PreTokenizer.O200k()));

    private static readonly Lazy<TiktokenEncoder> Cl100k =
        new(() => new TiktokenEncoder(TokenCounters.Cl100kBase, PreTokenizer.Cl100k()));

    /// <summary>Pieces whose UTF-8 form fits here are encoded on the stack.</summary>
    private const int StackBytes = 512;

    private readonly Regex _pattern;
    private readonly BpeVocabulary _vocabulary;
    private readonly ThreadLocal<PieceCache> _cache = new(() => new PieceCache());

    private TiktokenEncoder(string name, Regex pattern)
    {
        Name = name;
        _pattern = pattern;
        _vocabulary = BpeVocabulary.Load(name);
    }

    /// <summary>o200k_base (GPT-4o and later OpenAI models); loaded on first use.</summary>
    public static TiktokenEncoder O200kBase => O200k.Value;

    /// <summary>cl100k_base (GPT-4, GPT-4 Turbo, GPT-3.5 Turbo, text-embedding-3); loaded on first use.</summary>
    public static TiktokenEncoder Cl100kBase => Cl100k.Value;

    public string Name { get; }

    public bool IsExact => true;

    /// <summary>The number of ordinary tokens (ranks) in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    public int Count(string? text) => text is null ? 0 : Count(text.AsSpan());

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
        var cache = _cache.Value!;
        if (!PreTokenizer.NeedsShadow(text))
        {
            foreach (var match in _pattern.EnumerateMatches(text))
                EncodePiece(text.Slice(match.Index, match.Length), cache, ref sink);
            return;
        }

        var shadow = ArrayPool<char>.Shared.Rent(text.Length);
        var map = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            var length = PreTokenizer.BuildShadow(text, shadow, map);
            foreach (var match in _pattern.EnumerateMatches(shadow.AsSpan(0, length)))
            {
                var start = map[match.Index];
                EncodePiece(text[start..map[match.Index + match.Length]], cache, ref sink);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(shadow);
            ArrayPool<int>.Shared.Return(map);
        }
    }

    private void EncodePiece<TSink>(ReadOnlySpan<char> piece, PieceCache cache, ref TSink sink) where TSink : struct, ITokenSink
    {
        // UTF-8 takes at most 3 bytes per UTF-16 char (a surrogate pair: 4 bytes for 2 chars).
        var maxBytes = piece.Length * 3;
        byte[]? rented = null;
        var buffer = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var bytes = buffer[..PreTokenizer.GetUtf8(piece, buffer)];
            var rank = _vocabulary.Rank(bytes);
            if (rank >= 0)
            {
                sink.Add(rank);
                return;
            }

            if (!cache.TryGet(piece, out var tokens))
            {
                tokens = BytePairMerge.Encode(bytes, _vocabulary);
                cache.Add(piece, tokens);
            }

            sink.Add(tokens);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
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
