using System.Text;
using Switchyard.Providers.Http;
using Switchyard.Providers.Tests.Sse;

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

        using var body = await PooledBody.ReadAsync(new PacedStream(bytes, 777, 1, 4096), announced, TestContext.Current.CancellationToken);

        Assert.Equal(size, body.Length);
        Assert.True(body.Span.SequenceEqual(bytes));
    }

    [Fact]
    public async Task A_body_that_breaks_midway_throws_as_the_stream_did()
    {
        var stream = new BreaksAfter(Encoding.UTF8.GetBytes(new string('x', 10_000)), reads: 3);
        await Assert.ThrowsAsync<IOException>(() => PooledBody.ReadAsync(stream, null, TestContext.Current.CancellationToken));
    }

    /// <summary>Hands out 1,000 bytes per read, then fails as a reset connection does.</summary>
    private sealed class BreaksAfter(byte[] data, int reads) : MemoryStream(data, writable: false)
    {
        private int done;

        public override int Read(byte[] buffer, int offset, int count) =>
            ++done > reads ? throw new IOException("connection reset") : base.Read(buffer, offset, Math.Min(count, 1_000));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++done > reads ? throw new IOException("connection reset") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 1_000)], cancellationToken);
    }
}
