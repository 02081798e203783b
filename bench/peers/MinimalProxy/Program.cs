using System.Net;

// A reverse proxy with nothing on top: the floor for a .NET gateway on this machine (bench/RESULTS.md).
//   minimal-proxy --urls http://127.0.0.1:18090 --upstream http://127.0.0.1:18401
// Every request is forwarded to the same path on the upstream with its body, Authorization and
// Content-Type; the answer's status, Content-Type and body come back. A stream is relayed as it arrives.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var upstream = new Uri(builder.Configuration["upstream"]
    ?? throw new ArgumentException("--upstream URL is required (the server to forward to)"));

var client = new HttpClient(new SocketsHttpHandler
{
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    AutomaticDecompression = DecompressionMethods.None,
    UseProxy = false,
    UseCookies = false,
})
{ Timeout = Timeout.InfiniteTimeSpan };

var app = builder.Build();
app.Run(async context =>
{
    var request = context.Request;
    using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, request.Path + request.QueryString));
    if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
    {
        // Read whole, as a gateway must before it can route; a known length lets HttpClient send one write.
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        forward.Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        if (request.ContentType is { } type) forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
    }
    if (request.Headers.Authorization.Count > 0)
        forward.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());

    using var answer = await client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
    var response = context.Response;
    response.StatusCode = (int)answer.StatusCode;
    if (answer.Content.Headers.ContentType is { } contentType) response.ContentType = contentType.ToString();
    if (answer.Content.Headers.ContentLength is { } length) response.ContentLength = length;
    await using var from = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
    var buffer = new byte[16 * 1024];
    int read;
    while ((read = await from.ReadAsync(buffer, context.RequestAborted)) > 0)
    {
        await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
        if (answer.Content.Headers.ContentLength is null) await response.Body.FlushAsync(context.RequestAborted); // a stream: relay each read
    }
});
app.Run();
