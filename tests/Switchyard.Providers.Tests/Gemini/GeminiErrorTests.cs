using System.Net;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

public sealed class GeminiErrorTests
{
    private const string Request = """{"messages": [{"role": "user", "content": "hi"}]}""";

    private static Task<UpstreamException> CompleteFailsAsync(StubHttpHandler stub) =>
        Assert.ThrowsAsync<UpstreamException>(() =>
            GeminiTestCalls.Adapter(stub).CompleteAsync(GeminiTestCalls.Call(Request), TestContext.Current.CancellationToken));

    private static string GoogleError(int code, string message, string status) =>
        $$$"""{"error": {"code": {{{code}}}, "message": "{{{message}}}", "status": "{{{status}}}"}}""";

    [Fact]
    public async Task A_404_with_an_event_stream_content_type_and_a_plain_json_body_is_a_bad_request_with_the_message()
    {
        var stub = new StubHttpHandler(HttpStatusCode.NotFound, FixtureFiles.Bytes("gemini/error.json"), "text/event-stream");
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => GeminiTestCalls.CollectAsync(
            GeminiTestCalls.Adapter(stub).StreamAsync(GeminiTestCalls.Call(Request, "custom-gemini-2.0-flash"), TestContext.Current.CancellationToken)));

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("NOT_FOUND", ex.ProviderCode);
        Assert.Contains("models/custom-gemini-2.0-flash is not found for API version v1beta", ex.Message);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_rate_limited()
    {
        var stub = GeminiTestCalls.Answer(GoogleError(429, "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED"), (HttpStatusCode)429);
        stub.ResponseHeaders["Retry-After"] = "7";
        var ex = await CompleteFailsAsync(stub);

        Assert.Equal(UpstreamErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal("RESOURCE_EXHAUSTED", ex.ProviderCode);
    }

    [Fact]
    public async Task A_503_is_a_server_error()
    {
        var ex = await CompleteFailsAsync(GeminiTestCalls.Answer(GoogleError(503, "The model is overloaded. Please try again later.", "UNAVAILABLE"), HttpStatusCode.ServiceUnavailable));
        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task An_invalid_key_is_an_authentication_failure_and_no_key_shows_in_the_message()
    {
        var echoed = $"API key not valid. Please pass a valid API key. Got {GeminiTestCalls.Key} and AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW";
        var ex = await CompleteFailsAsync(GeminiTestCalls.Answer(GoogleError(400, echoed, "INVALID_ARGUMENT"), HttpStatusCode.BadRequest));

        Assert.Equal(UpstreamErrorKind.Authentication, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
        Assert.DoesNotContain(GeminiTestCalls.Key, ex.Message);
        Assert.DoesNotContain("AIzaSy", ex.Message);
        Assert.Contains("API key not valid", ex.Message);
    }

    [Fact]
    public async Task A_context_window_overflow_is_reported_as_context_length()
    {
        var ex = await CompleteFailsAsync(GeminiTestCalls.Answer(
            GoogleError(400, "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", "INVALID_ARGUMENT"), HttpStatusCode.BadRequest));
        Assert.Equal(UpstreamErrorKind.ContextLength, ex.Kind);
    }
}
