using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>Client mistakes get the OpenAI error shape and the status DESIGN.md orders, never a 500, and the gateway keeps serving.</summary>
public class BadInputTests(GatewayFixture fixture)
{
    public static TheoryData<string, int, string?, string> Cases => new()
    {
        // body, status, param, a word the message must contain
        { "{not json", 400, null, "not valid JSON" },
        { "", 400, null, "empty" },
        { "[1,2]", 400, null, "JSON" },
        { """{"messages":[{"role":"user","content":"hi"}]}""", 400, "model", "'model' is required" },
        { """{"model":"gpt-4.1-mini"}""", 400, "messages", "'messages' is required" },
        { """{"model":"gpt-4.1-mini","messages":[]}""", 400, "messages", "at least one" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"robot","content":"hi"}]}""", 400, "messages[0].role", "robot" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user"}]}""", 400, "messages[0].content", "required" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":42}]}""", 400, null, "content" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", 400, "temperature", "wrong type" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"temperature":7}""", 400, "temperature", "between" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", 400, "max_tokens", "at least 1" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"tool","content":"x"}]}""", 400, "messages[0].tool_call_id", "tool_call_id" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"tool_choice":"required"}""", 400, "tool_choice", "no tools" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text"}]}]}""", 400, "messages[1].content[1].text", "'messages[1].content[1].text' is required" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]}""", 400, "messages[0].tool_calls[0]", "'messages[0].tool_calls[0]' needs an id" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"ok"}},{"type":"function","function":{"name":"bad name"}}]}""", 400, "tools[1].function.name", "'tools[1].function.name' must be" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"xml"}}""", 400, "response_format.type", "xml" },
        { """{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"hi"}],"stream_options":{"include_usage":true}}""", 400, "stream_options", "stream" },
        { """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""", 404, "model", "nope" },
        { """{"model":"claude-haiku-4-5","n":2,"messages":[{"role":"user","content":"hi"}]}""", 400, null, "n > 1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answers_the_openai_error_shape_with_the_right_status(string body, int status, string? param, string mentions)
    {
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(ResponseHeaders.Get(response, "x-request-id"));

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = doc.RootElement.GetProperty("error");
        Assert.Contains(mentions, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(error.TryGetProperty("code", out _));
        if (param is not null) Assert.Equal(param, error.GetProperty("param").GetString());
        else Assert.True(error.TryGetProperty("param", out _));
    }

    [Fact]
    public async Task Malformed_json_knows_only_the_request_id()
    {
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent("{oops", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(ResponseHeaders.Get(response, "x-request-id"));
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("x-switchyard-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Body_over_the_limit_is_a_413_even_when_streamed_without_a_length()
    {
        var big = new string('a', 1024 * 1024 + 200_000); // the fixture's limit is 1 MB
        var body = $$"""{"model":"gpt-4.1-mini","messages":[{"role":"user","content":"{{big}}"}]}""";
        using (var sized = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);

        using (var expecting = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            expecting.Headers.ExpectContinue = true; // as curl does for large bodies: the body is never sent
            using var answer = await fixture.Http.SendAsync(expecting, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        }

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var response = await fixture.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("request_too_large", doc.RootElement.GetProperty("error").GetProperty("code").GetString());

        using var health = await fixture.Http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Unknown_path_is_a_404_in_the_openai_shape()
    {
        using var response = await fixture.Http.GetAsync("/v1/nothing-here", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("/v1/nothing-here", doc.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bad_embeddings_requests_are_400s()
    {
        foreach (var body in new[] { "{}", """{"model":"text-embedding-3-small"}""", """{"model":"text-embedding-3-small","input":""}""", """{"model":"text-embedding-3-small","input":"x","encoding_format":"hex"}""" })
        {
            using var response = await fixture.Http.PostAsync("/v1/embeddings", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Keeps_serving_after_a_burst_of_bad_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var r = await fixture.Http.PostAsync("/v1/chat/completions", new StringContent("{\"model\":" + i, Encoding.UTF8, "application/json"), ct);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }));
        var ok = await fixture.OpenAI().GetChatClient(GatewayFixture.OpenAIModel).CompleteChatAsync([new OpenAI.Chat.UserChatMessage("still there?")], cancellationToken: ct);
        Assert.False(string.IsNullOrEmpty(ok.Value.Content[0].Text));
    }
}
