using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Switchyard.Core.Tokens;

/// <summary>
/// The byte sequences of one encoding and their ranks (rank = token id), with an allocation-free lookup
/// from bytes to rank. Immutable after construction, so shared freely between threads.
/// </summary>
/// <remarks>
/// The tokens stay in the decompressed file buffer (<c>[length][bytes]</c> per rank, see Data/README.md).
/// The lookup is an open-addressing table (load ≤ 0.5, linear probing) of 16-byte slots holding the token's
/// first 8 bytes, 24 bits of its hash with its length, and its rank: a probe reads one slot, a miss is
/// rejected there, and a hit on a token of up to 8 bytes (most of them) is confirmed there too, without
/// touching the token bytes elsewhere in memory.
/// </remarks>
internal sealed class BpeVocabulary
{
    private const int HeaderLength = 9;
    private readonly byte[] _data;
    private readonly int[] _offsets;
    private readonly Slot[] _table;
    private readonly int _mask;
    private readonly int[] _byteRanks = new int[256];

    private BpeVocabulary(byte[] data)
    {
        if (data.Length < HeaderLength || data[0] != 'S' || data[1] != 'Y' || data[2] != 'B' || data[3] != 'P' || data[4] != 1)
            throw new InvalidDataException("Not a Switchyard BPE rank file (expected magic SYBP, version 1).");
        var count = BitConverter.ToInt32(data, 5);
        _data = data;
        _offsets = new int[count];
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)count * 2);
        _table = new Slot[capacity];
        _mask = capacity - 1;
        Array.Fill(_byteRanks, -1);

        var position = HeaderLength;
        for (var rank = 0; rank < count; rank++)
        {
            if (position >= data.Length) throw new InvalidDataException($"Rank file ends at rank {rank} of {count}.");
            var length = data[position];
            _offsets[rank] = position + 1;
            position += 1 + length;
            if (position > data.Length) throw new InvalidDataException($"Rank file ends inside rank {rank}.");
            Insert(TokenBytes(rank), rank);
        }

        if (position != data.Length) throw new InvalidDataException("Rank file has bytes after its last rank.");
        for (var b = 0; b < 256; b++)
        {
            var one = (byte)b;
            _byteRanks[b] = LookUp(new ReadOnlySpan<byte>(in one));
            if (_byteRanks[b] < 0) throw new InvalidDataException($"Rank file has no token for byte {b}.");
        }
    }

    public int Count => _offsets.Length;

    public static BpeVocabulary Load(string encodingName)
    {
        var resource = $"Switchyard.Core.Tokens.Data.{encodingName}.bpe.br";
        using var stream = typeof(BpeVocabulary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from Switchyard.Core.");
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var buffer = new MemoryStream(capacity: 2 * 1024 * 1024);
        brotli.CopyTo(buffer);
        return new BpeVocabulary(buffer.ToArray());
    }

    /// <summary>The rank of a single byte (every byte is a token in byte-level BPE).</summary>
    public int ByteRank(byte b) => _byteRanks[b];

    public ReadOnlySpan<byte> TokenBytes(int rank)
    {
        var offset = _offsets[rank];
        return new ReadOnlySpan<byte>(_data, offset, _data[offset - 1]);
    }

    /// <summary>The rank of <paramref name="bytes"/>, or -1 when it is not a token.</summary>
    public int Rank(ReadOnlySpan<byte> bytes)
    {
        return bytes.Length == 1 ? _byteRanks[bytes[0]] : LookUp(bytes);
    }

    private int LookUp(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > byte.MaxValue) return -1;
        var hash = Hash(bytes);
        var check = Check(hash, bytes.Length);
        var head = Head(bytes);
        var index = (int)hash & _mask;
        while (true)
        {
            ref readonly var slot = ref _table[index];
            if (slot.RankPlusOne == 0) return -1;
            if (slot.Check == check && slot.Head == head
                && (bytes.Length <= 8 || TokenBytes(slot.RankPlusOne - 1)[8..].SequenceEqual(bytes[8..])))
                return slot.RankPlusOne - 1;
            index = (index + 1) & _mask;
        }
    }

    private void Insert(ReadOnlySpan<byte> bytes, int rank)
    {
        if (LookUp(bytes) is var existing and >= 0)
            throw new InvalidDataException($"Rank file has the same bytes at ranks {existing} and {rank}.");
        var hash = Hash(bytes);
        var index = (int)hash & _mask;
        while (_table[index].RankPlusOne != 0) index = (index + 1) & _mask;
        _table[index] = new Slot { Head = Head(bytes), Check = Check(hash, bytes.Length), RankPlusOne = rank + 1 };
    }

    private static uint Check(uint hash, int length) => (hash & 0xFFFFFF00u) | (uint)length;

    /// <summary>The first 8 bytes (zero-padded), little-endian.</summary>
    private static ulong Head(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8) return MemoryMarshal.Read<ulong>(bytes);
        ulong head = 0;
        bytes.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref head)));
        return head;
    }

    /// <summary>A fast 64-bit multiply-mix hash over 8-byte words, folded to 32 bits; tokens are short.</summary>
    internal static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = Mix(h ^ MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[8..];
        }

        if (!bytes.IsEmpty)
        {
            ulong tail = 0;
            bytes.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref tail)));
            h = Mix(h ^ tail);
        }

        return (uint)(h ^ (h >> 32));
    }

    private struct Slot
    {
        public ulong Head;
        public uint Check;
        public int RankPlusOne;
    }

    private static ulong Mix(ulong x)
    {
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 31;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 29);
    }
}
