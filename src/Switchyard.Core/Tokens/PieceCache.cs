namespace Switchyard.Core.Tokens;

/// <summary>
/// Recently seen pieces that took more than one token, per thread (no locks on the request path). Pieces
/// that are a single token never get here: one rank lookup is as cheap as a cache lookup.
/// </summary>
internal sealed class PieceCache
{
    /// <summary>Entries kept before the cache starts over; a few hundred KB at most per thread.</summary>
    internal const int Capacity = 4096;

    /// <summary>Longer pieces are not cached: they rarely repeat and would hold large strings.</summary>
    internal const int MaxPieceLength = 64;

    private readonly Dictionary<string, int[]> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PieceCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryGet(ReadOnlySpan<char> piece, out int[] tokens)
    {
        if (piece.Length <= MaxPieceLength && _lookup.TryGetValue(piece, out var found))
        {
            tokens = found;
            return true;
        }

        tokens = [];
        return false;
    }

    public void Add(ReadOnlySpan<char> piece, int[] tokens)
    {
        if (piece.Length > MaxPieceLength) return;
        if (_entries.Count >= Capacity) _entries.Clear();
        _lookup[piece] = tokens;
    }
}
