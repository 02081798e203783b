namespace Switchyard.Simulator.Generation;

/// <summary>
/// A tiny deterministic random sequence. Used instead of System.Random where the output must
/// depend only on the prompt (System.Random's algorithm is not guaranteed across versions).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15;
        return StableHash.Mix(_state);
    }

    /// <summary>A value in [0, max).</summary>
    public int NextInt(int max) => max <= 1 ? 0 : (int)(Next() % (ulong)max);

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
