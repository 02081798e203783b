using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.State;

/// <summary>
/// Provider-style ids (chatcmpl-…, msg_…, req_…). Lock-free: a counter scrambled with the seed,
/// so ids are unique within a run and repeatable for a given seed and request order.
/// </summary>
internal sealed class IdGenerator(int seed)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly ulong _salt = StableHash.Mix((ulong)seed + 0x5EED);
    private long _counter;

    public string Next(string prefix, int length)
    {
        var value = StableHash.Mix((ulong)Interlocked.Increment(ref _counter) ^ _salt);
        return string.Create(prefix.Length + length, (prefix, value), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            var bits = state.value;
            for (var i = state.prefix.Length; i < span.Length; i++)
            {
                if (bits < 62) bits = StableHash.Mix(bits + (ulong)i);
                span[i] = Alphabet[(int)(bits % 62)];
                bits /= 62;
            }
        });
    }
}
