using System.Text.Json.Nodes;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;
using static Switchyard.Providers.Tests.Anthropic.AnthropicAdapterHarness;

namespace Switchyard.Providers.Tests.Anthropic;

public sealed class AnthropicWireRequestTests
{
    [Fact]
    public async Task Posts_to_v1_messages_with_the_key_and_version_headers()
    {
        var stub = StubHttpHandler.Json("anthropic/messages-response.json");

        await CompleteAsync(stub);

        var (request, body) = stub.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.anthropic.com/v1/messages", request.RequestUri!.ToString());
        Assert.Equal("test-key-123456", request.Headers.GetValues("x-api-key").Single());
        Assert.Equal("2023-06-01", request.Headers.GetValues("anthropic-version").Single());
        Assert.False(request.Headers.Contains("Authorization"));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(AnthropicTestCalls.Model, (string)json["model"]!);
        Assert.False((bool)json["stream"]!);
    }

    [Theory]
    [InlineData("https://api.anthropic.com", "https://api.anthropic.com/v1/messages")]
    [InlineData("https://api.anthropic.com/", "https://api.anthropic.com/v1/messages")]
    [InlineData("https://proxy.example/v1", "https://proxy.example/v1/messages")]
    [InlineData("https://proxy.example/v1/", "https://proxy.example/v1/messages")]
    [InlineData("http://127.0.0.1:8500/anthropic", "http://127.0.0.1:8500/anthropic/v1/messages")]
    public async Task The_base_url_is_scheme_and_host_or_ends_in_v1(string baseUrl, string expected)
    {
        var stub = StubHttpHandler.Json("anthropic/messages-response.json");

        await CompleteAsync(stub, SimpleCall(AnthropicTestCalls.Endpoint(baseUrl)));

        Assert.Equal(expected, stub.Requests.Single().Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task Configured_headers_are_sent_and_may_override_the_version()
    {
        var stub = StubHttpHandler.Json("anthropic/messages-response.json");
        var endpoint = AnthropicTestCalls.Endpoint() with
        {
            Headers = new Dictionary<string, string> { ["anthropic-beta"] = "prompt-caching-2024-07-31", ["anthropic-version"] = "2099-01-01" },
        };

        await CompleteAsync(stub, SimpleCall(endpoint));

        var request = stub.Requests.Single().Request;
        Assert.Equal("prompt-caching-2024-07-31", request.Headers.GetValues("anthropic-beta").Single());
        Assert.Equal("2099-01-01", request.Headers.GetValues("anthropic-version").Single());
    }

    [Fact]
    public async Task A_stream_asks_for_stream_true()
    {
        var stub = StubHttpHandler.Sse("anthropic/messages-stream.sse");

        await StreamAsync(stub);

        Assert.True((bool)JsonNode.Parse(stub.LastBody)!["stream"]!);
    }

    [Fact]
    public async Task Rate_limit_headers_reach_the_call_response_info()
    {
        var stub = StubHttpHandler.Json("anthropic/messages-response.json");
        foreach (var line in FixtureFiles.Text("anthropic/headers-ratelimit.txt").Split('\n').Skip(1))
            if (line.Split(": ", 2) is [var name, var value] && name.StartsWith("anthropic-", StringComparison.Ordinal))
                stub.ResponseHeaders[name] = value.Trim();
        stub.ResponseHeaders["request-id"] = "req_123";
        var call = SimpleCall();

        await CompleteAsync(stub, call);

        Assert.Equal(200, call.Response.StatusCode);
        Assert.Equal("req_123", call.Response.ProviderRequestId);
        Assert.Equal(49, call.Response.RemainingRequests);
        Assert.Equal(36000, call.Response.RemainingTokens);
        Assert.Equal(50, call.Response.LimitRequests);
    }

    [Fact]
    public void The_adapter_kind_is_anthropic() =>
        Assert.Equal("anthropic", new Switchyard.Providers.Anthropic.AnthropicAdapter(new HttpClient()).Kind);

    [Fact]
    public async Task Cancellation_is_not_reported_as_an_upstream_failure()
    {
        var stub = StubHttpHandler.Sse("anthropic/messages-stream.sse");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Adapter(stub).StreamAsync(SimpleCall(), cts.Token)) { }
        });
        Assert.IsNotType<UpstreamException>(await Record.ExceptionAsync(() => Adapter(stub).CompleteAsync(SimpleCall(), cts.Token)));
    }
}
