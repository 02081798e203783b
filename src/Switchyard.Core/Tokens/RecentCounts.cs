using System.Runtime.CompilerServices;

namespace Switchyard.Core.Tokens;

/// <summary>
/// The counts of the last few long strings one thread counted with one encoder, keyed by the string
/// instance. Why: one request's prompt is counted more than once on the same thread — exactly for
/// o200k_base models and again inside the estimate for models without a public tokenizer (which is
/// o200k_base plus a margin), and by budgets after routing — and a 2,000-token prompt costs ~50 µs
/// a count. A string instance never changes, so the same reference always has the same count.
/// Short strings are not worth the lookup and are never stored.
/// </summary>
internal sealed class RecentCounts
{
    /// <summary>Strings shorter than this are counted every time (a few hundred nanoseconds).</summary>
    public const int MinLength = 256;

    private const int Slots = 4;
    private readonly string?[] texts = new string?[Slots];
    private readonly int[] counts = new int[Slots];
    private int next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(string text, out int count)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (!ReferenceEquals(texts[i], text)) continue;
            count = counts[i];
            return true;
        }
        count = 0;
        return false;
    }

    public void Add(string text, int count)
    {
        texts[next] = text;
        counts[next] = count;
        next = (next + 1) % Slots;
    }
}
