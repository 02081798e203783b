using System.Buffers;

namespace Switchyard.Core.Chat;

/// <summary>
/// JSON bytes held in a buffer rented from <see cref="ArrayPool{T}.Shared"/>: an upstream's answer
/// kept for sending on without copying it into a new array first. The one that finishes with the
/// bytes disposes this to hand the buffer back; one that is never disposed is only garbage.
/// </summary>
public sealed class PooledJson : IDisposable
{
    private byte[]? buffer;

    /// <param name="rented">From ArrayPool&lt;byte&gt;.Shared; this instance owns it from now on.</param>
    public PooledJson(byte[] rented, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, rented.Length);
        buffer = rented;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The bytes; after <see cref="Dispose"/> the buffer may belong to someone else, so this throws.</summary>
    public ReadOnlySpan<byte> Span => (buffer ?? throw new ObjectDisposedException(nameof(PooledJson))).AsSpan(0, Length);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref buffer, null) is { } returned) ArrayPool<byte>.Shared.Return(returned);
    }
}
