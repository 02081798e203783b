using System.Buffers;

namespace Switchyard.Providers.Sse;

/// <summary>
/// The data of the events one read completed, back to back, then the data of the event still
/// arriving. One per stream and reused read after read, so dispatching an event copies nothing
/// out of it (a new array per event was ~270 B per forwarded chunk). The array is pooled: give it
/// back with <see cref="Release"/> once the stream is done.
/// </summary>
internal sealed class SseDataBuffer
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1024);
    private int _length;
    /// <summary>Where the event still arriving begins.</summary>
    private int _pendingStart;

    /// <summary>True once a "data:" line of the event still arriving was seen (it may be empty).</summary>
    public bool HasPending { get; private set; }

    /// <summary>Adds one "data:" line to the event still arriving; lines after the first are joined with '\n'.</summary>
    public void AppendLine(ReadOnlySpan<byte> value)
    {
        var separator = HasPending ? 1 : 0;
        EnsureRoom(separator + value.Length);
        if (separator == 1) _bytes[_length++] = (byte)'\n';
        value.CopyTo(_bytes.AsSpan(_length));
        _length += value.Length;
        HasPending = true;
    }

    /// <summary>Ends the event still arriving; returns where its data sits (read it with <see cref="Slice"/>).</summary>
    public (int Start, int Length) Dispatch()
    {
        var range = (_pendingStart, _length - _pendingStart);
        _pendingStart = _length;
        HasPending = false;
        return range;
    }

    public ReadOnlyMemory<byte> Slice(int start, int length) => _bytes.AsMemory(start, length);

    /// <summary>Drops the dispatched events (their consumer is done with them) and keeps the event still arriving.</summary>
    public void DropDispatched()
    {
        if (_pendingStart == 0) return;
        var pending = _length - _pendingStart;
        _bytes.AsSpan(_pendingStart, pending).CopyTo(_bytes);
        _length = pending;
        _pendingStart = 0;
    }

    /// <summary>Returns the array to the pool; no event's data may be read after this.</summary>
    public void Release()
    {
        var bytes = _bytes;
        _bytes = [];
        _length = _pendingStart = 0;
        if (bytes.Length > 0) ArrayPool<byte>.Shared.Return(bytes);
    }

    private void EnsureRoom(int count)
    {
        if (_length + count <= _bytes.Length) return;
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + count));
        _bytes.AsSpan(0, _length).CopyTo(grown);
        if (_bytes.Length > 0) ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = grown;
    }
}
