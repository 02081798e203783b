using System.Net;
using System.Text;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Anthropic.AnthropicAdapterHarness;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicErrorTests
{
    [Fact]
    public async Task A_429_is_rate_limited_with_its_retry_after()
    {
        var stub = StubHttpHandler.Json("anthropic/error.json", HttpStatusCode.TooManyRequests);
        stub.ResponseHeaders["retry-after"] = "17";
        stub.ResponseHeaders["x-should-retry"] = "true";

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(17), ex.RetryAfter);
        Assert.Equal("rate_limit_error", ex.ProviderCode);
        Assert.Contains("rate limit", ex.Message);
    }

    [Fact]
    public async Task A_529_overloaded_is_a_server_error()
    {
        var stub = StubHttpHandler.Json("anthropic/overloaded-529.json", (HttpStatusCode)529);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.Equal(529, ex.StatusCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task A_529_before_a_stream_starts_is_a_server_error()
    {
        var stub = StubHttpHandler.Json("anthropic/overloaded-529.json", (HttpStatusCode)529);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => StreamAsync(stub));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
    }

    [Fact]
    public async Task A_401_never_shows_the_key()
    {
        const string key = "sk-ant-api03-SecretKeyValue-0123456789abcdef";
        var body = $$$"""{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key {{{key}}}"}}""";
        var stub = new StubHttpHandler(HttpStatusCode.Unauthorized, Encoding.UTF8.GetBytes(body));

        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            CompleteAsync(stub, SimpleCall(AnthropicTestCalls.Endpoint(key: key))));

        Assert.Equal(UpstreamErrorKind.Authentication, ex.Kind);
        Assert.DoesNotContain("SecretKeyValue", ex.Message);
        Assert.DoesNotContain(key, ex.ToString());
    }

    [Fact]
    public async Task Embeddings_are_unsupported()
    {
        var stub = StubHttpHandler.Json("anthropic/messages-response.json");
        var call = new UpstreamEmbeddingCall(AnthropicTestCalls.Endpoint(), "claude-x", new Core.Chat.EmbeddingRequest());

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => Adapter(stub).EmbedAsync(call, TestContext.Current.CancellationToken));

        Assert.Equal(UpstreamErrorKind.Unsupported, ex.Kind);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task A_request_that_cannot_be_mapped_fails_before_any_call()
    {
        var stub = StubHttpHandler.Json("anthropic/messages-response.json");
        var call = AnthropicTestCalls.Call("""{"n": 3, "messages": [{"role": "user", "content": "Hi"}]}""");

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub, call));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Empty(stub.Requests);
    }
}
