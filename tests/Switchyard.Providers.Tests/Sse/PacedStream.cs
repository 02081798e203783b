namespace Switchyard.Providers.Tests.Sse;

/// <summary>
/// A read-only stream that hands out its bytes in reads of the given sizes (cycled), as a network
/// stream does: an event, a line or a CRLF pair may be split anywhere.
/// </summary>
internal sealed class PacedStream(byte[] data, params int[] readSizes) : Stream
{
    private int _position;
    private int _read;

    public int Reads => _read;

    public override int Read(Span<byte> buffer)
    {
        if (_position >= data.Length || buffer.IsEmpty) return 0;
        var n = Math.Min(Math.Min(buffer.Length, readSizes[_read++ % readSizes.Length]), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
