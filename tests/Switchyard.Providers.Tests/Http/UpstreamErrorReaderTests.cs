using System.Net;
using System.Text;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Http;

public sealed class UpstreamErrorReaderTests
{
    private static readonly ProviderEndpoint Endpoint = Endpoints.Of("openai", "https://api.example/v1");

    [Fact]
    public void The_openai_shape_gives_message_and_code()
    {
        var ex = FromBody(HttpStatusCode.NotFound, """{"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}}""");

        Assert.Equal(UpstreamErrorKind.BadRequest, ex.Kind);
        Assert.Equal("model_not_found", ex.ProviderCode);
        Assert.Equal("Provider 'openai-test' answered 404: The model `gpt-9` does not exist", ex.Message);
    }

    [Fact]
    public void The_anthropic_shape_gives_message_and_error_type()
    {
        var ex = FromBody(HttpStatusCode.BadRequest, FixtureFiles.Text("anthropic/overloaded-529.json"));

        Assert.Equal("overloaded_error", ex.ProviderCode);
        Assert.Contains("Overloaded", ex.Message);
    }

    [Fact]
    public void The_google_shape_gives_message_and_status_even_inside_a_list()
    {
        const string error = """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}""";

        foreach (var body in new[] { error, $"[{error}]" })
        {
            var ex = FromBody(HttpStatusCode.BadRequest, body);

            Assert.Equal("INVALID_ARGUMENT", ex.ProviderCode);
            Assert.Contains("API key not valid", ex.Message);
        }
    }

    [Fact]
    public void An_error_given_as_a_string_is_the_message()
    {
        var ex = FromBody(HttpStatusCode.InternalServerError, """{"error":"model 'llama3' not found, try pulling it first"}""");

        Assert.EndsWith("model 'llama3' not found, try pulling it first", ex.Message);
        Assert.Null(ex.ProviderCode);
    }

    [Fact]
    public void A_body_that_is_not_json_is_shown_shortened()
    {
        var ex = FromBody(HttpStatusCode.BadGateway, "<html>" + new string('x', 2000) + "</html>");

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.StartsWith("Provider 'openai-test' answered 502: <html>xxx", ex.Message);
        Assert.True(ex.Message.Length < 400, $"message is {ex.Message.Length} chars");
    }

    [Fact]
    public void An_empty_body_names_only_the_status()
    {
        Assert.Equal("Provider 'openai-test' answered 503.", FromBody(HttpStatusCode.ServiceUnavailable, "").Message);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"x","code":"context_length_exceeded"}}""", UpstreamErrorKind.ContextLength)]
    [InlineData(400, """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}""", UpstreamErrorKind.ContextLength)]
    [InlineData(400, """{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}""", UpstreamErrorKind.ContextLength)]
    [InlineData(400, """{"error":{"message":"Your request was rejected as a result of our safety system.","code":"content_policy_violation"}}""", UpstreamErrorKind.ContentPolicy)]
    [InlineData(400, """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","code":"content_filter"}}""", UpstreamErrorKind.ContentPolicy)]
    [InlineData(401, """{"error":{"message":"bad key"}}""", UpstreamErrorKind.Authentication)]
    [InlineData(403, """{"error":{"message":"region not supported"}}""", UpstreamErrorKind.Authentication)]
    [InlineData(404, """{"error":{"message":"no such model"}}""", UpstreamErrorKind.BadRequest)]
    [InlineData(408, "", UpstreamErrorKind.Timeout)]
    [InlineData(422, """{"detail":"bad"}""", UpstreamErrorKind.BadRequest)]
    [InlineData(429, """{"error":{"message":"slow down"}}""", UpstreamErrorKind.RateLimited)]
    [InlineData(500, """{"error":{"message":"oops"}}""", UpstreamErrorKind.ServerError)]
    [InlineData(529, """{"error":{"message":"overloaded"}}""", UpstreamErrorKind.ServerError)]
    public void Errors_are_classified_by_code_message_then_status(int status, string body, UpstreamErrorKind kind)
    {
        var ex = FromBody((HttpStatusCode)status, body);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public void The_retry_after_given_is_kept()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), UpstreamErrorReader.FromBody(HttpStatusCode.TooManyRequests, "", Endpoint, TimeSpan.FromSeconds(4)).RetryAfter);
    }

    [Fact]
    public async Task A_huge_error_body_is_read_only_up_to_a_bound()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"" + new string('y', 1_000_000) + "\"}}")),
        };

        var ex = await UpstreamErrorReader.ReadAsync(response, Endpoint, TestContext.Current.CancellationToken);

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.True(ex.Message.Length < 400, $"message is {ex.Message.Length} chars");
    }

    private static UpstreamException FromBody(HttpStatusCode status, string body) =>
        UpstreamErrorReader.FromBody(status, body, Endpoint, retryAfter: null);

    [Fact]
    public async Task A_redirect_is_a_server_fault_that_names_where_it_points_without_the_key()
    {
        var keyed = Endpoints.Of("openai", "http://api.example/v1", key: "sk-secret-123456789");
        using var response = new HttpResponseMessage(HttpStatusCode.MovedPermanently)
        {
            Headers = { Location = new Uri("https://api.example/v1/chat/completions?key=sk-secret-123456789") },
        };

        var ex = await UpstreamErrorReader.ReadAsync(response, keyed, TestContext.Current.CancellationToken);

        Assert.Equal(UpstreamErrorKind.ServerError, ex.Kind);
        Assert.Equal(301, ex.StatusCode);
        Assert.Contains("redirect to https://api.example/v1/chat/completions", ex.Message);
        Assert.Contains("base_url", ex.Message);
        Assert.DoesNotContain("sk-secret-123456789", ex.Message);
    }
}
