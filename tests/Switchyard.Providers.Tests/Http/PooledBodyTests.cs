using System.Text;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Tests.Http;

public sealed class PooledBodyTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(10, null)]
    [InlineData(100_000, null)] // past the first 4 KB buffer: grows several times
    [InlineData(5_000, 5_000L)] // the announced length, exactly
    [InlineData(9_000, 100L)] // announced too short: still reads it all
    [InlineData(50, 1_000_000L)] // announced too long: the length is what arrived
    public async Task Reads_the_whole_body_whatever_its_length_and_announced_length(int size, long? announced)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

        using var body = await PooledBody.ReadAsync(new TrickleStream(bytes, 777), announced, TestContext.Current.CancellationToken);

        Assert.Equal(size, body.Length);
        Assert.True(body.Span.SequenceEqual(bytes));
    }

    [Fact]
    public async Task A_body_that_breaks_midway_throws_as_the_stream_did()
    {
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(new string('x', 10_000)), 1_000) { FailAfter = 3 };
        await Assert.ThrowsAsync<IOException>(() => PooledBody.ReadAsync(stream, null, TestContext.Current.CancellationToken));
    }

    /// <summary>Hands out at most a few bytes per read, as a network body does.</summary>
    private sealed class TrickleStream(byte[] data, int perRead) : Stream
    {
        private int position;
        private int reads;
        public int FailAfter { get; init; } = int.MaxValue;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (++reads > FailAfter) throw new IOException("connection reset");
            var n = Math.Min(Math.Min(count, perRead), data.Length - position);
            data.AsSpan(position, n).CopyTo(buffer.AsSpan(offset));
            position += n;
            return n;
        }

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
}
