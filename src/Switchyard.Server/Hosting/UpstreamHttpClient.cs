using System.Net;

namespace Switchyard.Server.Hosting;

/// <summary>
/// One pooled handler for every upstream call. Connections are reused (no handshake per call)
/// and recycled every few minutes so DNS changes are seen. Timeouts are per request, from the
/// executor's tokens, so HttpClient's own timeout is off. Redirects are not followed: a provider
/// that redirects is misconfigured (HttpClient would also turn a redirected POST into a GET), and
/// the redirect handler cost an async state machine on every call. The provider adapters call the
/// handler through a plain HttpMessageInvoker (see UpstreamHttp); probes and the price refresher
/// through an HttpClient over the same handler, so they share its connections.
/// </summary>
public static class UpstreamHttpClient
{
    /// <summary>An HttpClient over <paramref name="handler"/> with its own timeout off.</summary>
    public static HttpClient ClientOver(HttpMessageHandler handler, bool disposeHandler) => new(handler, disposeHandler)
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <param name="connectTimeout">TCP + TLS connect limit (resilience.connect_timeout_seconds). Default 10 s.</param>
    public static SocketsHttpHandler CreateHandler(TimeSpan? connectTimeout = null) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        AllowAutoRedirect = false,
        EnableMultipleHttp2Connections = true,
    };
}
