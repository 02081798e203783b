using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Tests.OpenAI;

namespace Switchyard.Providers.Tests.Http;

public sealed class RateLimitHeadersTests
{
    [Fact]
    public void The_openai_headers_of_the_recorded_429_are_read()
    {
        var info = Read(429, HeaderFixture.Read("openai/error-429.headers.txt").ToArray());

        Assert.Equal(429, info.StatusCode);
        Assert.Equal((60L, 150000L, 59L, 149984L), (info.LimitRequests, info.LimitTokens, info.RemainingRequests, info.RemainingTokens));
    }

    [Fact]
    public void The_anthropic_headers_are_read_when_the_openai_ones_are_absent()
    {
        var info = Read(200,
            ("request-id", "req_011"), ("anthropic-ratelimit-requests-limit", "50"), ("anthropic-ratelimit-requests-remaining", "49"),
            ("anthropic-ratelimit-tokens-limit", "40000"), ("anthropic-ratelimit-tokens-remaining", "36000"));

        Assert.Equal("req_011", info.ProviderRequestId);
        Assert.Equal((50L, 40000L, 49L, 36000L), (info.LimitRequests, info.LimitTokens, info.RemainingRequests, info.RemainingTokens));
    }

    [Fact]
    public void Missing_or_non_numeric_values_stay_unknown()
    {
        var info = Read(200, ("x-ratelimit-remaining-requests", "lots"), ("x-request-id", "req_9"));

        Assert.Equal("req_9", info.ProviderRequestId);
        Assert.Null(info.RemainingRequests);
        Assert.Null(info.RemainingTokens);
        Assert.Null(info.LimitRequests);
        Assert.Null(info.LimitTokens);
    }

    [Fact]
    public void A_header_sent_twice_gives_its_first_value_and_padded_numbers_still_read()
    {
        var info = Read(200, ("x-request-id", "req_first"), ("x-request-id", "req_second"), ("x-ratelimit-remaining-tokens", " 1200 "));

        Assert.Equal("req_first", info.ProviderRequestId);
        Assert.Equal(1200L, info.RemainingTokens);
    }

    private static UpstreamResponseInfo Read(int status, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)status);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        var info = new UpstreamResponseInfo();
        RateLimitHeaders.Read(response, info);
        return info;
    }
}
