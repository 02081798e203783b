using System.Net;

namespace Switchyard.Providers.Tests.Support;

/// <summary>
/// Answers every request with a fixed status, headers and body, and records what was sent, so
/// adapter tests can check the exact wire request and feed back recorded wire answers.
/// </summary>
public sealed class StubHttpHandler(HttpStatusCode status, byte[] body, string contentType = "application/json") : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];
    public Dictionary<string, string> ResponseHeaders { get; } = [];

    public static StubHttpHandler Json(string fixture, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status, FixtureFiles.Bytes(fixture));

    public static StubHttpHandler Sse(string fixture) =>
        new(HttpStatusCode.OK, FixtureFiles.Bytes(fixture), "text/event-stream");

    public HttpClient Client() => new(this);

    public string LastBody => Requests[^1].Body;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, sent));
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in ResponseHeaders) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }
}
