namespace Switchyard.Core.Tokens;

/// <summary>
/// Byte-level BPE over one pre-tokenized piece: repeatedly merge the adjacent pair whose concatenation has
/// the lowest rank (the leftmost one on a tie) until no adjacent pair is a token — tiktoken's
/// <c>byte_pair_merge</c>.
/// </summary>
internal static class BytePairMerge
{
    /// <summary>Pieces up to this many bytes use the quadratic scan (fastest for words); longer ones a heap.</summary>
    internal const int LinearLimit = 128;

    public static int[] Encode(ReadOnlySpan<byte> piece, BpeVocabulary vocabulary) =>
        piece.Length <= LinearLimit ? EncodeLinear(piece, vocabulary) : EncodeWithHeap(piece, vocabulary);

    /// <summary>tiktoken's own algorithm: O(n²) in the piece length, with no allocation but the result.</summary>
    internal static int[] EncodeLinear(ReadOnlySpan<byte> piece, BpeVocabulary vocabulary)
    {
        var n = piece.Length;
        if (n == 1) return [vocabulary.ByteRank(piece[0])];

        // Part i spans piece[starts[i]..starts[i+1]); ranks[i] is the rank of parts i and i+1 merged.
        Span<int> starts = n < 256 ? stackalloc int[n + 1] : new int[n + 1];
        Span<int> ranks = n < 256 ? stackalloc int[n + 1] : new int[n + 1];
        var count = n + 1;
        for (var i = 0; i <= n; i++) starts[i] = i;
        for (var i = 0; i < n - 1; i++) ranks[i] = RankOrMax(piece[i..(i + 2)], vocabulary);
        ranks[n - 1] = int.MaxValue;

        while (true)
        {
            var min = int.MaxValue;
            var at = -1;
            for (var i = 0; i < count - 2; i++)
            {
                if (ranks[i] < min)
                {
                    min = ranks[i];
                    at = i;
                }
            }

            if (at < 0) break;

            // Drop the boundary between parts at and at+1, then re-rank the two pairs that changed.
            starts[(at + 2)..count].CopyTo(starts[(at + 1)..]);
            ranks[(at + 2)..count].CopyTo(ranks[(at + 1)..]);
            count--;
            ranks[at] = PairRank(piece, starts, count, at, vocabulary);
            if (at > 0) ranks[at - 1] = PairRank(piece, starts, count, at - 1, vocabulary);
        }

        var tokens = new int[count - 1];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = vocabulary.Rank(piece[starts[i]..starts[i + 1]]);
        return tokens;
    }

    /// <summary>
    /// The same merges in O(n log n) for long pieces (a run of thousands of letters or symbols would make the
    /// quadratic scan a denial-of-service on the request path): a linked list of parts and a priority queue of
    /// candidate merges keyed by (rank, start), so ties go to the leftmost pair exactly as in the scan. Stale
    /// queue entries are recognised by a per-part version number.
    /// </summary>
    internal static int[] EncodeWithHeap(ReadOnlySpan<byte> piece, BpeVocabulary vocabulary)
    {
        var n = piece.Length;
        if (n == 1) return [vocabulary.ByteRank(piece[0])];

        // Part i starts at byte i; next[i] is the following part's start (n at the end), prev[i] the previous.
        var next = new int[n];
        var prev = new int[n];
        var version = new int[n];
        var queue = new PriorityQueue<(int Part, int Version), (int Rank, int Start)>(n);
        for (var i = 0; i < n; i++)
        {
            next[i] = i + 1;
            prev[i] = i - 1;
        }

        for (var i = 0; i < n - 1; i++)
        {
            var rank = vocabulary.Rank(piece[i..(i + 2)]);
            if (rank >= 0) queue.Enqueue((i, 0), (rank, i));
        }

        while (queue.TryDequeue(out var entry, out _))
        {
            var (part, entryVersion) = entry;
            if (version[part] != entryVersion) continue;

            // Merge part with its successor.
            var removed = next[part];
            next[part] = next[removed];
            if (next[part] < n) prev[next[part]] = part;
            version[removed] = -1; // dead: any queued merge of it is stale
            version[part]++;
            Requeue(part, piece, next, version, queue, vocabulary);
            if (prev[part] >= 0)
            {
                version[prev[part]]++;
                Requeue(prev[part], piece, next, version, queue, vocabulary);
            }
        }

        var tokens = new List<int>();
        for (var i = 0; i < n; i = next[i]) tokens.Add(vocabulary.Rank(piece[i..next[i]]));
        return [.. tokens];
    }

    /// <summary>Queues the merge of part <paramref name="p"/> with its successor, if that is a token.</summary>
    private static void Requeue(
        int p, ReadOnlySpan<byte> piece, int[] next, int[] version,
        PriorityQueue<(int Part, int Version), (int Rank, int Start)> queue, BpeVocabulary vocabulary)
    {
        if (next[p] >= piece.Length) return;
        var rank = vocabulary.Rank(piece[p..next[next[p]]]);
        if (rank >= 0) queue.Enqueue((p, version[p]), (rank, p));
    }

    private static int PairRank(ReadOnlySpan<byte> piece, ReadOnlySpan<int> starts, int count, int i, BpeVocabulary vocabulary) =>
        i + 2 < count ? RankOrMax(piece[starts[i]..starts[i + 2]], vocabulary) : int.MaxValue;

    private static int RankOrMax(ReadOnlySpan<byte> bytes, BpeVocabulary vocabulary)
    {
        var rank = vocabulary.Rank(bytes);
        return rank < 0 ? int.MaxValue : rank;
    }
}
