using System.Text.Json.Nodes;
using Switchyard.Providers.OpenAI;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.OpenAI.OpenAITestCalls;

namespace Switchyard.Providers.Tests.OpenAI;

public sealed class OpenAIWireRequestTests
{
    [Fact]
    public async Task Posts_json_to_chat_completions_with_a_bearer_key()
    {
        var stub = StubHttpHandler.Json("openai/chat-response.json");

        await CompleteAsync(stub);

        var (request, body) = stub.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.openai.com/v1/chat/completions", request.RequestUri!.ToString());
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal(Key, request.Headers.Authorization.Parameter);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(body.Length, request.Content.Headers.ContentLength); // sized, not chunked
        Assert.Equal(UpstreamModel, (string)JsonNode.Parse(body)!["model"]!);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "https://api.openai.com/v1/chat/completions")]
    [InlineData("https://api.openai.com/v1/", "https://api.openai.com/v1/chat/completions")]
    [InlineData("http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/chat/completions")]
    [InlineData("https://openrouter.ai/api/v1/", "https://openrouter.ai/api/v1/chat/completions")]
    public async Task The_path_is_joined_to_the_base_url_with_exactly_one_slash(string baseUrl, string expected)
    {
        var stub = StubHttpHandler.Json("openai/chat-response.json");

        await CompleteAsync(stub, SimpleCall(Endpoint(baseUrl)));

        Assert.Equal(expected, stub.Requests.Single().Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task A_stream_posts_to_the_same_path_with_stream_true()
    {
        var stub = StubHttpHandler.Sse("openai/chat-stream.sse");

        await StreamAsync(stub, SimpleCall(Endpoint("https://api.openai.com/v1/"), stream: true));

        var (request, body) = stub.Requests.Single();
        Assert.Equal("https://api.openai.com/v1/chat/completions", request.RequestUri!.ToString());
        Assert.True((bool)JsonNode.Parse(body)!["stream"]!);
    }

    [Fact]
    public async Task The_endpoints_extra_headers_are_sent()
    {
        var stub = StubHttpHandler.Json("openai/chat-response.json");
        var endpoint = Endpoint() with
        {
            Headers = new Dictionary<string, string> { ["HTTP-Referer"] = "https://app.example", ["X-Title"] = "Switchyard", ["OpenAI-Organization"] = "org-1" },
        };

        await CompleteAsync(stub, SimpleCall(endpoint));

        var headers = stub.Requests.Single().Request.Headers;
        Assert.Equal("https://app.example", headers.GetValues("HTTP-Referer").Single());
        Assert.Equal("Switchyard", headers.GetValues("X-Title").Single());
        Assert.Equal("org-1", headers.GetValues("OpenAI-Organization").Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_local_server_without_a_key_gets_no_authorization_header(string? key)
    {
        var stub = StubHttpHandler.Json("openai/chat-response.json");

        await CompleteAsync(stub, SimpleCall(Endpoint("http://127.0.0.1:8080/v1", key)));

        var request = stub.Requests.Single().Request;
        Assert.Null(request.Headers.Authorization);
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public async Task Rate_limit_headers_and_the_request_id_of_a_success_reach_the_call_response_info()
    {
        var stub = StubHttpHandler.Json("openai/chat-response.json").WithHeaders("openai/error-429.headers.txt");
        stub.ResponseHeaders.Remove("retry-after");
        stub.ResponseHeaders["x-request-id"] = "req_abc";
        var call = SimpleCall();

        await CompleteAsync(stub, call);

        Assert.Equal(200, call.Response.StatusCode);
        Assert.Equal("req_abc", call.Response.ProviderRequestId);
        Assert.Equal((60L, 150000L, 59L, 149984L),
            (call.Response.LimitRequests, call.Response.LimitTokens, call.Response.RemainingRequests, call.Response.RemainingTokens));
    }

    [Fact]
    public void The_adapter_kind_is_openai() => Assert.Equal("openai", new OpenAIAdapter(new HttpClient()).Kind);

    [Fact]
    public async Task Cancellation_is_not_reported_as_an_upstream_failure()
    {
        var stub = StubHttpHandler.Sse("openai/chat-stream.sse");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Adapter(stub).StreamAsync(SimpleCall(stream: true), cts.Token)) { }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Adapter(stub).CompleteAsync(SimpleCall(), cts.Token));
    }
}
