using Switchyard.Core.Upstream;
using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.Gemini;

/// <summary>Where and how the adapter sends: path per operation, key in a header, never in the URL.</summary>
public sealed class GeminiWireRequestTests
{
    private const string Request = """{"messages": [{"role": "user", "content": "hi"}]}""";

    [Fact]
    public async Task Generate_content_posts_to_the_model_path_with_the_key_in_x_goog_api_key()
    {
        var stub = StubHttpHandler.Json("gemini/generate-response.json");
        var endpoint = GeminiTestCalls.Endpoint() with { Headers = new Dictionary<string, string> { ["x-goog-user-project"] = "demo" } };
        await GeminiTestCalls.Adapter(stub).CompleteAsync(GeminiTestCalls.Call(Request, "gemini-2.5-flash", endpoint), TestContext.Current.CancellationToken);

        var sent = stub.Requests[^1].Request;
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", sent.RequestUri!.ToString());
        Assert.Equal(GeminiTestCalls.Key, Assert.Single(sent.Headers.GetValues("x-goog-api-key")));
        Assert.Equal("demo", Assert.Single(sent.Headers.GetValues("x-goog-user-project")));
        Assert.Null(sent.Headers.Authorization);
        Assert.DoesNotContain(GeminiTestCalls.Key, sent.RequestUri.ToString());
        Assert.Equal("application/json", sent.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Stream_posts_to_stream_generate_content_with_alt_sse()
    {
        var stub = StubHttpHandler.Sse("gemini/stream-alt-sse.sse");
        await GeminiTestCalls.CollectAsync(GeminiTestCalls.Adapter(stub).StreamAsync(GeminiTestCalls.Call(Request), TestContext.Current.CancellationToken));

        var uri = stub.Requests[^1].Request.RequestUri!;
        Assert.Equal("/v1beta/models/gemini-2.0-flash:streamGenerateContent", uri.AbsolutePath);
        Assert.Equal("?alt=sse", uri.Query);
        Assert.Equal(GeminiTestCalls.Key, Assert.Single(stub.Requests[^1].Request.Headers.GetValues("x-goog-api-key")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8400", "gemini-2.0-flash", "http://127.0.0.1:8400/v1beta/models/gemini-2.0-flash:generateContent")]
    [InlineData("http://127.0.0.1:8400/", "gemini-2.0-flash", "http://127.0.0.1:8400/v1beta/models/gemini-2.0-flash:generateContent")]
    [InlineData("http://127.0.0.1:8400/v1beta", "gemini-2.0-flash", "http://127.0.0.1:8400/v1beta/models/gemini-2.0-flash:generateContent")]
    [InlineData("https://proxy.example/google/v1beta/", "models/gemini-2.0-flash", "https://proxy.example/google/v1beta/models/gemini-2.0-flash:generateContent")]
    [InlineData("https://generativelanguage.googleapis.com", "tunedModels/my-tune", "https://generativelanguage.googleapis.com/v1beta/tunedModels/my-tune:generateContent")]
    public async Task Base_urls_with_or_without_v1beta_and_model_names_with_a_prefix_are_tolerated(string baseUrl, string model, string expected)
    {
        var stub = StubHttpHandler.Json("gemini/generate-response.json");
        await GeminiTestCalls.Adapter(stub).CompleteAsync(
            GeminiTestCalls.Call(Request, model, GeminiTestCalls.Endpoint(baseUrl)), TestContext.Current.CancellationToken);
        Assert.Equal(expected, stub.Requests[^1].Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task The_canonical_request_is_not_mutated()
    {
        var call = GeminiTestCalls.Call("""
            {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "a"}, {"role": "user", "content": "b"}], "max_tokens": 5}
            """);
        var before = System.Text.Json.JsonSerializer.Serialize(call.Request, Switchyard.Core.Chat.ChatJsonContext.Default.ChatRequest);
        await GeminiTestCalls.Adapter(StubHttpHandler.Json("gemini/generate-response.json")).CompleteAsync(call, TestContext.Current.CancellationToken);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(call.Request, Switchyard.Core.Chat.ChatJsonContext.Default.ChatRequest));
    }

    [Fact]
    public void Kind_is_gemini()
    {
        IProviderAdapter adapter = GeminiTestCalls.Adapter(StubHttpHandler.Json("gemini/generate-response.json"));
        Assert.Equal("gemini", adapter.Kind);
    }
}
