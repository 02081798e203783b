using System.Net;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Http;

public sealed class UpstreamHttpTests
{
    private static readonly ProviderEndpoint Endpoint = Endpoints.Of("openai", "https://api.example/v1");

    [Fact]
    public async Task A_timeout_that_is_not_the_callers_cancellation_is_a_timeout()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => SendAsync(new ThrowingHandler(new TaskCanceledException("HttpClient.Timeout"))));

        Assert.Equal(UpstreamErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task A_transport_failure_is_a_connection_failure_naming_the_provider()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            SendAsync(new ThrowingHandler(new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known. (api.example:443)"))));

        Assert.Equal(UpstreamErrorKind.Connection, ex.Kind);
        Assert.Contains("openai-test", ex.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Record.ExceptionAsync(() => SendAsync(new ThrowingHandler(new TaskCanceledException()), cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task A_non_success_answer_becomes_an_upstream_exception_after_the_headers_are_recorded()
    {
        var stub = new StubHttpHandler(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"try later"}}"""u8.ToArray());
        stub.ResponseHeaders["retry-after"] = "2";
        stub.ResponseHeaders["x-request-id"] = "req_1";
        var info = new UpstreamResponseInfo();

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => SendAsync(stub, info: info));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal(503, info.StatusCode);
        Assert.Equal("req_1", info.ProviderRequestId);
    }

    [Fact]
    public void A_body_read_failure_maps_to_interrupted_or_timeout_and_keeps_upstream_exceptions()
    {
        var token = TestContext.Current.CancellationToken;
        var upstream = new UpstreamException(UpstreamErrorKind.MalformedResponse, "x");

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, UpstreamHttp.BodyReadFailure(new IOException("reset"), Endpoint, token).Kind);
        Assert.Equal(UpstreamErrorKind.Timeout, UpstreamHttp.BodyReadFailure(new TaskCanceledException(), Endpoint, token).Kind);
        Assert.Same(upstream, UpstreamHttp.BodyReadFailure(upstream, Endpoint, token));
    }

    private static async Task SendAsync(HttpMessageHandler handler, CancellationToken? token = null, UpstreamResponseInfo? info = null)
    {
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/v1/chat/completions");
        using var response = await UpstreamHttp.SendAsync(http, request, Endpoint, info ?? new UpstreamResponseInfo(), token ?? TestContext.Current.CancellationToken);
    }

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(exception);
    }
}
