using System.Net;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Http;

public sealed class UpstreamHttpTests
{
    private static readonly ProviderEndpoint Endpoint = Endpoints.Of("openai", "https://api.example/v1");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_timeout_that_is_not_the_callers_cancellation_is_a_timeout(bool plainInvoker)
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => SendAsync(new ThrowingHandler(new TaskCanceledException("HttpClient.Timeout")), plainInvoker));

        Assert.Equal(UpstreamErrorKind.Timeout, ex.Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_transport_failure_is_a_connection_failure_naming_the_provider(bool plainInvoker)
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            SendAsync(new ThrowingHandler(new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known. (api.example:443)")), plainInvoker));

        Assert.Equal(UpstreamErrorKind.Connection, ex.Kind);
        Assert.Contains("openai-test", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_callers_cancellation_stays_a_cancellation(bool plainInvoker)
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Record.ExceptionAsync(() => SendAsync(new ThrowingHandler(new TaskCanceledException()), plainInvoker, cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_non_success_answer_becomes_an_upstream_exception_after_the_headers_are_recorded(bool plainInvoker)
    {
        var stub = new StubHttpHandler(HttpStatusCode.ServiceUnavailable, """{"error":{"message":"try later"}}"""u8.ToArray());
        stub.ResponseHeaders["retry-after"] = "2";
        stub.ResponseHeaders["x-request-id"] = "req_1";
        var info = new UpstreamResponseInfo();

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => SendAsync(stub, plainInvoker, info: info));

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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_answer_comes_back_once_its_headers_are_in_not_when_its_body_ends(bool plainInvoker)
    {
        // The gateway's plain invoker, and an HttpClient (asked for headers-read), must both hand the
        // answer over while the upstream is still sending: a stream's first chunk cannot wait for its last.
        var body = new HeldBody("data: first\n\n"u8.ToArray());
        using var http = Caller(new HeldBodyHandler(body), plainInvoker);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/v1/chat/completions");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10)); // a caller that buffered the body would still be waiting

        using var response = await UpstreamHttp.SendAsync(http, request, Endpoint, new UpstreamResponseInfo(), limit.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(limit.Token);
        var buffer = new byte[64];
        var first = await stream.ReadAsync(buffer, limit.Token);

        Assert.Equal("data: first\n\n", System.Text.Encoding.UTF8.GetString(buffer, 0, first));
        body.Release();
        Assert.Equal(0, await stream.ReadAsync(buffer, limit.Token));
    }

    private static async Task SendAsync(HttpMessageHandler handler, bool plainInvoker, CancellationToken? token = null, UpstreamResponseInfo? info = null)
    {
        using var http = Caller(handler, plainInvoker);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/v1/chat/completions");
        using var response = await UpstreamHttp.SendAsync(http, request, Endpoint, info ?? new UpstreamResponseInfo(), token ?? TestContext.Current.CancellationToken);
    }

    private static HttpMessageInvoker Caller(HttpMessageHandler handler, bool plainInvoker) =>
        plainInvoker ? new HttpMessageInvoker(handler, disposeHandler: false) : new HttpClient(handler, disposeHandler: false);

    /// <summary>A body that sends its first bytes at once and ends only when released.</summary>
    private sealed class HeldBody(byte[] first) : Stream
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool sentFirst;

        public void Release() => released.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            if (!sentFirst)
            {
                sentFirst = true;
                first.CopyTo(destination);
                return first.Length;
            }
            await released.Task.WaitAsync(cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class HeldBodyHandler(HeldBody body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body), RequestMessage = request });
    }

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(exception);
    }
}
