using System.Net;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

public sealed class OpenAIErrorTests
{
    [Fact]
    public async Task A_400_is_a_bad_request_with_the_providers_message()
    {
        var stub = StubHttpHandler.Json("openai/error-400.json", HttpStatusCode.BadRequest);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("Unsupported parameter: 'temperature' is not supported with this model.", ex.Message);
        Assert.Contains("openai-test", ex.Message);
        Assert.Equal("invalid_request_error", ex.ProviderCode); // code is null in the body, so the type stands in
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task A_429_is_rate_limited_with_its_code_and_retry_after()
    {
        var stub = StubHttpHandler.Json("openai/error-429.json", HttpStatusCode.TooManyRequests).WithHeaders("openai/error-429.headers.txt");

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Equal("rate_limit_exceeded", ex.ProviderCode);
        Assert.Contains("Rate limit reached for requests", ex.Message);
    }

    [Fact]
    public async Task The_rate_limit_headers_of_a_429_reach_the_call_response_info()
    {
        var stub = StubHttpHandler.Json("openai/error-429.json", HttpStatusCode.TooManyRequests).WithHeaders("openai/error-429.headers.txt");
        var call = SimpleCall();

        await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub, call));

        Assert.Equal(429, call.Response.StatusCode);
        Assert.Equal(60, call.Response.LimitRequests);
        Assert.Equal(150000, call.Response.LimitTokens);
        Assert.Equal(59, call.Response.RemainingRequests);
        Assert.Equal(149984, call.Response.RemainingTokens);
    }

    [Fact]
    public async Task Retry_after_ms_is_preferred_over_retry_after()
    {
        var stub = StubHttpHandler.Json("openai/error-429.json", HttpStatusCode.TooManyRequests);
        stub.ResponseHeaders["retry-after"] = "20";
        stub.ResponseHeaders["retry-after-ms"] = "1500";

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), ex.RetryAfter);
    }

    [Fact]
    public async Task An_http_date_retry_after_becomes_the_time_until_that_date()
    {
        var stub = StubHttpHandler.Json("openai/error-429.json", HttpStatusCode.TooManyRequests);
        stub.ResponseHeaders["retry-after"] = DateTimeOffset.UtcNow.AddMinutes(2).ToString("r");

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        // An HTTP date has whole seconds and the clock moves on: between 1 and 2 minutes away.
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(529)]
    public async Task A_5xx_is_a_transient_server_error(int status)
    {
        var stub = Answer("""{"error": {"message": "The server is overloaded.", "type": "server_error", "param": null, "code": null}}""", (HttpStatusCode)status);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task A_5xx_with_an_html_body_is_a_server_error_naming_the_status()
    {
        var stub = Answer("<html><body>502 Bad Gateway</body></html>", HttpStatusCode.BadGateway, "text/html");

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.Contains("502", ex.Message);
    }

    [Fact]
    public async Task A_401_is_authentication_and_never_echoes_the_key()
    {
        var stub = Answer("""
            {"error": {"message": "Incorrect API key provided: sk-abc123***xyz. You can find your API key at https://platform.openai.com/account/api-keys.",
             "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}
            """, HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.Authentication, ex.Kind);
        Assert.Equal("invalid_api_key", ex.ProviderCode);
        Assert.Contains("Incorrect API key provided", ex.Message);
        Assert.DoesNotContain("sk-abc", ex.Message);
        Assert.DoesNotContain("***xyz", ex.Message);
    }

    [Fact]
    public async Task A_401_echoing_the_configured_key_in_full_never_shows_it()
    {
        const string key = "local-server-token-98765";
        var stub = Answer($$$"""{"error": {"message": "token {{{key}}} is not valid", "type": "auth"}}""", HttpStatusCode.Unauthorized);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub, SimpleCall(Endpoint(key: key))));

        Assert.DoesNotContain(key, ex.ToString());
    }

    [Fact]
    public async Task A_context_length_error_is_context_length()
    {
        var stub = Answer("""
            {"error": {"message": "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.",
             "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}
            """, HttpStatusCode.BadRequest);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() => CompleteAsync(stub));

        Assert.Equal(UpstreamErrorKind.ContextLength, ex.Kind);
        Assert.Equal("context_length_exceeded", ex.ProviderCode);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_failure()
    {
        using var http = new HttpClient();
        var adapter = new Switchyard.Providers.OpenAI.OpenAIAdapter(http);

        var ex = await Assert.ThrowsAsync<UpstreamException>(() =>
            adapter.CompleteAsync(SimpleCall(Endpoint("http://127.0.0.1:1/v1")), TestContext.Current.CancellationToken));

        Assert.Equal(UpstreamErrorKind.Connection, ex.Kind);
        Assert.Contains("openai-test", ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
        Assert.True(ex.IsTransient);
    }
}
