namespace Switchyard.Simulator.Generation;

/// <summary>
/// Hashes that are stable across processes and runs (string.GetHashCode is randomized per
/// process), so that the same prompt gives the same answer on every run.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Of(ReadOnlySpan<char> text, ulong seed = FnvOffset)
    {
        var hash = seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }
        return Mix(hash);
    }

    public static ulong Combine(ulong hash, ReadOnlySpan<char> text) => Of(text, hash ^ FnvOffset);

    public static ulong Combine(ulong hash, long value) => Mix(hash ^ (ulong)value * 0x9E3779B97F4A7C15);

    /// <summary>The SplitMix64 finalizer: spreads every input bit over the whole output.</summary>
    public static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
