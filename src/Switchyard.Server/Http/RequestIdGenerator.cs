using System.Security.Cryptography;

namespace Switchyard.Server.Http;

/// <summary>
/// New request ids: "req_" and a version 7 UUID (RFC 9562) in 32 lowercase hex digits, strictly
/// increasing within the process.
/// </summary>
/// <remarks>
/// Layout, per RFC 9562 §6.2 method 1 (a dedicated counter): 48 bits of Unix time in milliseconds;
/// the version; a 42-bit counter across rand_a and the top of rand_b; the variant; 32 random bits.
/// The counter starts at a random value (top bit clear, so it cannot run out) in each new
/// millisecond and counts up within it, so ids made in the same millisecond still sort in the order
/// they were made; a clock that steps back keeps the last millisecond.
/// The random bits come from the operating system's secure generator, like Guid.NewGuid, but 4 KB
/// at a time: Guid.CreateVersion7 read /dev/urandom once per request (a system call per request).
/// They are not the PRNG of System.Random, whose next outputs can be worked out from a few ids.
/// </remarks>
public sealed class RequestIdGenerator(TimeProvider time)
{
    private const int CounterBits = 42;
    private const long CounterLimit = 1L << CounterBits;

    private readonly Lock gate = new();
    private readonly byte[] randomPool = new byte[4096];
    private int poolOffset = 4096; // empty: filled on first use
    private long lastMs = long.MinValue;
    private long counter;

    public string Next()
    {
        ulong high, low;
        lock (gate)
        {
            var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (ms > lastMs)
            {
                lastMs = ms;
                counter = (long)TakeRandom() & (CounterLimit / 2 - 1); // 41 random bits: the top bit clear
            }
            else if (++counter == CounterLimit)
            {
                lastMs++; // 2^41 ids in one millisecond: borrow the next one rather than repeat
                counter = 0;
            }
            var randA = (ulong)(counter >> 30) & 0xFFF;
            var counterLow = (ulong)counter & 0x3FFF_FFFF;
            high = ((ulong)lastMs << 16) | 0x7000 | randA;
            low = (0b10UL << 62) | (counterLow << 32) | (TakeRandom() & 0xFFFF_FFFF);
        }
        return string.Create(36, (high, low), static (chars, id) =>
        {
            "req_".CopyTo(chars);
            id.high.TryFormat(chars[4..20], out _, "x16");
            id.low.TryFormat(chars[20..], out _, "x16");
        });
    }

    private ulong TakeRandom()
    {
        if (poolOffset == randomPool.Length)
        {
            RandomNumberGenerator.Fill(randomPool);
            poolOffset = 0;
        }
        var value = BitConverter.ToUInt64(randomPool, poolOffset);
        poolOffset += sizeof(ulong);
        return value;
    }
}
