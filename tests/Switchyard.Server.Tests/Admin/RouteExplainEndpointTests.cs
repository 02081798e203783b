using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Server.Endpoints;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Admin;

/// <summary>POST /admin/v1/route/explain on the shared gateway: the whole decision, and nothing called or pinned.</summary>
public class RouteExplainEndpointTests(GatewayFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> ExplainAsync(string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/route/explain") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        return await fixture.Http.SendAsync(request, Ct);
    }

    private static string Chat(string model, string prompt, string? switchyard = null) =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":{{JsonSerializer.Serialize(prompt)}}}]{{(switchyard is null ? "" : ",\"switchyard\":" + switchyard)}}}""";

    [Fact]
    public async Task Explain_returns_the_whole_decision_without_calling_an_upstream()
    {
        var requestId = "explain-" + Guid.NewGuid().ToString("N");
        using var response = await ExplainAsync(Chat("everywhere", $"Write a Python function that merges two sorted lists ({requestId})."), ("x-request-id", requestId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("everywhere", ResponseHeaders.Get(response, "x-switchyard-route"));
        Assert.Null(ResponseHeaders.Get(response, "x-switchyard-attempts")); // nothing was attempted
        Assert.Null(ResponseHeaders.Get(response, "x-switchyard-model"));
        Assert.Null(fixture.Outcomes.Find(requestId)); // the chat path (which records every request) never ran

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal("everywhere", root.GetProperty("route").GetString());
        Assert.Equal("fixed", root.GetProperty("policy").GetString());
        Assert.Equal("code", root.GetProperty("task").GetProperty("class").GetString());
        Assert.InRange(root.GetProperty("task").GetProperty("confidence").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("task").TryGetProperty("runner_up", out _));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("required_tags").ValueKind);

        var candidates = root.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(
            [$"sim-anthropic/{GatewayFixture.AnthropicModel}", $"sim-gemini/{GatewayFixture.GeminiModel}", $"sim-openai/{GatewayFixture.OpenAIModel}"],
            candidates.Select(c => c.GetProperty("deployment").GetString()));
        foreach (var c in candidates)
        {
            Assert.StartsWith("sim-", c.GetProperty("provider").GetString());
            Assert.True(c.GetProperty("estimated_cost_usd").GetDecimal() > 0);
            Assert.True(c.GetProperty("prompt_tokens").GetInt32() > 0);
            Assert.True(c.GetProperty("output_tokens").GetInt32() > 0);
            Assert.InRange(c.GetProperty("tier").GetInt32(), 1, 5);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("removed_by").ValueKind);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("reason").ValueKind);
        }
        var openai = candidates.Single(c => c.GetProperty("model").GetString() == GatewayFixture.OpenAIModel);
        Assert.Equal(0.0008m + 0.40m * openai.GetProperty("prompt_tokens").GetInt32() / 1_000_000m, openai.GetProperty("estimated_cost_usd").GetDecimal()); // 500 expected output tokens at $1.60/M

        Assert.Equal(candidates.Select(c => c.GetProperty("deployment").GetString()), root.GetProperty("plan").EnumerateArray().Select(p => p.GetString()));
        var text = root.GetProperty("text").GetString()!;
        Assert.Contains("route: everywhere  policy: fixed", text);
        Assert.Contains("task: code", text);
        Assert.Contains($"1. sim-anthropic/{GatewayFixture.AnthropicModel}  (primary)", text);
    }

    [Fact]
    public async Task A_filtered_candidate_names_its_filter_and_reason_and_leaves_the_plan()
    {
        using var response = await ExplainAsync(Chat("everywhere", "Translate 'good night' into German.", """{"provider":{"only":["sim-gemini"]}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal([$"sim-gemini/{GatewayFixture.GeminiModel}"], root.GetProperty("plan").EnumerateArray().Select(p => p.GetString()));
        var removed = root.GetProperty("candidates").EnumerateArray().Where(c => c.GetProperty("removed_by").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(2, removed.Count);
        Assert.All(removed, c => Assert.Contains("provider.only", c.GetProperty("reason").GetString()));
        Assert.All(removed, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("score").ValueKind));
        Assert.Contains("REMOVED by", root.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Constraints_that_remove_every_candidate_give_400_listing_each_reason()
    {
        using var response = await ExplainAsync(Chat("everywhere", "hello there", """{"max_cost_usd":0.0000001}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("no_candidate", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        foreach (var deployment in new[] { $"sim-anthropic/{GatewayFixture.AnthropicModel}", $"sim-gemini/{GatewayFixture.GeminiModel}", $"sim-openai/{GatewayFixture.OpenAIModel}" })
            Assert.Contains($"{deployment}: its estimated cost", message);
        Assert.Contains("max_cost_usd", message);
    }

    [Fact]
    public async Task An_unknown_route_is_404_and_a_bad_body_400_in_the_openai_shape()
    {
        using (var unknown = await ExplainAsync(Chat("no-such-route", "hi")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            using var json = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Ct));
            Assert.Equal("model_not_found", json.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("model", json.RootElement.GetProperty("error").GetProperty("param").GetString());
        }
        using (var bad = await ExplainAsync("{not json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True(JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.TryGetProperty("error", out _));
        }
        using var noMessages = await ExplainAsync("""{"model":"everywhere"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noMessages.StatusCode);
    }

    [Fact]
    public async Task Explaining_with_a_session_does_not_pin_it()
    {
        var session = "explain-session-" + Guid.NewGuid().ToString("N");
        using var response = await ExplainAsync(Chat("everywhere", "What is the capital of Portugal?"), ("x-session-id", session));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var affinity = fixture.Gateway.Services.GetRequiredService<GatewayServices>().Routing.Affinity;
        Assert.Null(affinity.Get("everywhere", session));
    }

    [Fact]
    public async Task A_plain_model_name_is_explained_as_its_own_route()
    {
        using var response = await ExplainAsync(Chat(GatewayFixture.GeminiModel, "Summarize: the meeting moved to Friday."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(GatewayFixture.GeminiModel, json.RootElement.GetProperty("route").GetString());
        Assert.Equal([$"sim-gemini/{GatewayFixture.GeminiModel}"], json.RootElement.GetProperty("plan").EnumerateArray().Select(p => p.GetString()));
    }
}
