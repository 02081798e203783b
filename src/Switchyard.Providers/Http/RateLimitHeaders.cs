using System.Globalization;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Http;

/// <summary>
/// Copies the providers' rate-limit headers into <see cref="UpstreamResponseInfo"/> so health
/// statistics can lower a deployment's priority before it starts answering 429.
/// </summary>
public static class RateLimitHeaders
{
    public static void Read(HttpResponseMessage response, UpstreamResponseInfo info)
    {
        info.StatusCode = (int)response.StatusCode;
        var h = response.Headers;
        info.ProviderRequestId = First(h, "x-request-id") ?? First(h, "request-id");
        info.RemainingRequests = Number(h, "x-ratelimit-remaining-requests") ?? Number(h, "anthropic-ratelimit-requests-remaining");
        info.RemainingTokens = Number(h, "x-ratelimit-remaining-tokens") ?? Number(h, "anthropic-ratelimit-tokens-remaining");
        info.LimitRequests = Number(h, "x-ratelimit-limit-requests") ?? Number(h, "anthropic-ratelimit-requests-limit");
        info.LimitTokens = Number(h, "x-ratelimit-limit-tokens") ?? Number(h, "anthropic-ratelimit-tokens-limit");
    }

    // NonValidated: the value as received. The validated TryGetValues parses the header and allocates a
    // string[] for each one it finds, on every upstream answer (~1% of a request's allocations).
    private static string? First(System.Net.Http.Headers.HttpResponseHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values)) return null;
        foreach (var value in values) return value;
        return null;
    }

    private static long? Number(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        long.TryParse(First(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
