using System.Buffers;
using System.Text;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Tests.Chat;

public sealed class PooledJsonTests
{
    [Fact]
    public void Holds_its_bytes_until_disposed_then_returns_the_buffer_once()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"id":"chatcmpl-1","choices":[]}""");
        var rented = ArrayPool<byte>.Shared.Rent(4096);
        bytes.CopyTo(rented, 0);
        var json = new PooledJson(rented, bytes.Length);

        Assert.Equal(bytes, json.Span.ToArray());
        Assert.Equal(bytes.Length, json.Length);
        json.Dispose();
        json.Dispose(); // twice is harmless: the buffer goes back once
        Assert.Throws<ObjectDisposedException>(() => json.Span.Length);

        // Returned: the pool hands the same array out again (this thread's cache), and only once.
        var first = ArrayPool<byte>.Shared.Rent(4096);
        var second = ArrayPool<byte>.Shared.Rent(4096);
        Assert.Same(rented, first);
        Assert.NotSame(rented, second);
        ArrayPool<byte>.Shared.Return(first);
        ArrayPool<byte>.Shared.Return(second);
    }

    [Fact]
    public void A_length_past_the_buffer_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PooledJson(new byte[8], 9));
    }
}
