using System.Diagnostics.CodeAnalysis;

namespace Switchyard.Core.Tokens;

/// <summary>
/// Recently seen pieces that took more than one token, keyed by their UTF-8 bytes, per thread (no locks on
/// the request path). Pieces that are a single token never get here: one rank lookup is as cheap as a cache
/// lookup.
/// </summary>
internal sealed class PieceCache
{
    /// <summary>Entries kept before the cache starts over; a few hundred KB at most per thread.</summary>
    internal const int Capacity = 4096;

    /// <summary>Longer pieces are not cached: they rarely repeat and would hold large arrays.</summary>
    internal const int MaxPieceBytes = 128;

    private readonly Dictionary<byte[], int[]> _entries = new(BytesComparer.Instance);
    private readonly Dictionary<byte[], int[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public PieceCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();

    public bool TryGet(ReadOnlySpan<byte> piece, [MaybeNullWhen(false)] out int[] tokens)
    {
        if (piece.Length <= MaxPieceBytes) return _lookup.TryGetValue(piece, out tokens);
        tokens = null;
        return false;
    }

    public void Add(ReadOnlySpan<byte> piece, int[] tokens)
    {
        if (piece.Length > MaxPieceBytes) return;
        if (_entries.Count >= Capacity) _entries.Clear();
        _lookup[piece] = tokens;
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => (int)BpeVocabulary.Hash(bytes);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)BpeVocabulary.Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
