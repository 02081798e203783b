using System.Net;
using System.Net.Http.Headers;

namespace Switchyard.Benchmarks.Support;

/// <summary>
/// An upstream that answers every request with the same recorded bytes (a stream one event per
/// read, each read completing at once, or later with <paramref name="asyncReads"/>), so a benchmark
/// measures the adapter, not a network.
/// </summary>
public sealed class CannedHandler(byte[] body, string contentType, bool asyncReads = false) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue type = MediaTypeHeaderValue.Parse(contentType);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The adapter's request body is serialized, as it would be onto the wire.
        if (request.Content is not null) await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        HttpContent content = type.MediaType == "text/event-stream" ? new StreamContent(asyncReads ? new AsyncEventStream(body) : new EventPerReadStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = type;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
