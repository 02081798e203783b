namespace Switchyard.Benchmarks.Support;

/// <summary>
/// A recorded SSE body handed out at most one event ("...\n\n") per read, as a network delivers a
/// stream whose events are written one at a time; per-read costs then count once per event, as live.
/// </summary>
public sealed class EventPerReadStream(byte[] body) : Stream
{
    private int position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var rest = body.AsSpan(position);
        var end = rest.IndexOf("\n\n"u8);
        var take = Math.Min(buffer.Length, end < 0 ? rest.Length : end + 2);
        rest[..take].CopyTo(buffer);
        position += take;
        return take;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
