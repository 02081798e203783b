using System.Net;
using System.Net.Sockets;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Http;

/// <summary>
/// Sends a request and turns transport failures into <see cref="UpstreamException"/>s that name the
/// provider, never its key. The answer comes back as soon as its headers are read, so streams start
/// flowing at once and large answers are never buffered whole.
/// </summary>
/// <remarks>
/// The gateway calls through a plain <see cref="HttpMessageInvoker"/> over the pooled handler, not an
/// HttpClient: HttpClient's layer (its own timeout, a linked cancellation source and an async state
/// machine per call, ~500 B) does nothing here, since every attempt carries its own deadline token and
/// an invoker never buffers the body. An HttpClient (tests hand adapters one) is asked for headers-read.
/// </remarks>
public static class UpstreamHttp
{
    public static async Task<HttpResponseMessage> SendAsync(
        HttpMessageInvoker http, HttpRequestMessage request, ProviderEndpoint endpoint, UpstreamResponseInfo info, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            var sending = http is HttpClient client
                ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                : http.SendAsync(request, cancellationToken);
            response = await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.Timeout, $"Provider '{endpoint.Name}' did not answer in time.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.Connection,
                $"Could not reach provider '{endpoint.Name}': {DescribeTransportError(ex)}.", inner: ex);
        }
        RateLimitHeaders.Read(response, info);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
                throw await UpstreamErrorReader.ReadAsync(response, endpoint, cancellationToken).ConfigureAwait(false);
        }
        return response;
    }

    /// <summary>Maps a failure while reading a body that had started to arrive.</summary>
    public static UpstreamException BodyReadFailure(Exception ex, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (ex is UpstreamException upstream) return upstream;
        if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            return new UpstreamException(UpstreamErrorKind.Timeout, $"Provider '{endpoint.Name}' stopped sending before the answer was complete.", inner: ex);
        return new UpstreamException(UpstreamErrorKind.StreamInterrupted,
            $"The connection to provider '{endpoint.Name}' broke before the answer was complete.", inner: ex);
    }

    private static string DescribeTransportError(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException s when s.SocketErrorCode == SocketError.ConnectionRefused => "connection refused",
        SocketException s => s.SocketErrorCode.ToString(),
        IOException => "the connection was closed",
        _ => ex.HttpRequestError.ToString(),
    };

    /// <summary>The status a provider error maps to when it says nothing more specific.</summary>
    public static UpstreamErrorKind KindForStatus(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => UpstreamErrorKind.Authentication,
        429 => UpstreamErrorKind.RateLimited,
        408 => UpstreamErrorKind.Timeout,
        >= 500 => UpstreamErrorKind.ServerError, // includes Anthropic's 529 overloaded
        _ => UpstreamErrorKind.BadRequest,
    };
}
