using System.Text;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Tests.Chat;

public sealed class ThreadJsonWriterTests
{
    [Fact]
    public void Each_lease_starts_empty_even_after_a_huge_text()
    {
        using (var first = ThreadJsonWriter.Rent()) first.Writer.WriteStringValue("small");
        using (var huge = ThreadJsonWriter.Rent())
        {
            huge.Writer.WriteStringValue(new string('x', 200_000));
            Assert.Equal(200_002, huge.Written.Length);
        }
        using var next = ThreadJsonWriter.Rent();
        next.Writer.WriteNumberValue(42);
        Assert.Equal("42", Encoding.UTF8.GetString(next.Written));
    }

    [Fact]
    public void A_second_lease_on_the_same_thread_is_refused_until_the_first_is_disposed()
    {
        var first = ThreadJsonWriter.Rent();
        try
        {
            Assert.Throws<InvalidOperationException>(() => { using var second = ThreadJsonWriter.Rent(); });
        }
        finally
        {
            first.Dispose();
        }
        using var again = ThreadJsonWriter.Rent();
        again.Writer.WriteStartArray();
        again.Writer.WriteEndArray();
        Assert.Equal("[]", Encoding.UTF8.GetString(again.Written));
    }
}
