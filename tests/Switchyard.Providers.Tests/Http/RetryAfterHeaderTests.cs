using Switchyard.Providers.Http;

namespace Switchyard.Providers.Tests.Http;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1", 1000)]
    [InlineData("30", 30_000)]
    [InlineData("0", 0)]
    public void Retry_after_in_seconds(string value, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Read(("retry-after", value)));

    [Fact]
    public void Retry_after_ms_wins_over_retry_after() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Read(("retry-after", "20"), ("retry-after-ms", "250")));

    [Fact]
    public void Retry_after_ms_may_be_fractional() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1500.5), Read(("retry-after-ms", "1500.5")));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void An_unusable_retry_after_ms_falls_back_to_retry_after(string ms) =>
        Assert.Equal(TimeSpan.FromSeconds(3), Read(("retry-after-ms", ms), ("retry-after", "3")));

    [Fact]
    public void An_http_date_is_the_time_from_now_until_then() =>
        Assert.Equal(TimeSpan.FromSeconds(90), Read(("retry-after", Now.AddSeconds(90).ToString("r"))));

    [Fact]
    public void An_http_date_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero, Read(("retry-after", Now.AddMinutes(-5).ToString("r"))));

    [Fact]
    public void No_header_means_no_advice() => Assert.Null(Read());

    [Fact]
    public void An_unparseable_retry_after_means_no_advice() => Assert.Null(Read(("retry-after", "in a while")));

    private static TimeSpan? Read(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return RetryAfterHeader.Read(response, Now);
    }
}
