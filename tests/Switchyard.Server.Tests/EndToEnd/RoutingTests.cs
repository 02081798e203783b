using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Switchyard.Core.Catalog;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>
/// The routing engine through the real server and simulator: cheap prompts to cheap models, hard
/// ones to strong ones, PII only to no-training deployments, sessions sticking, and a 400 that
/// explains every candidate when the request's own constraints leave none.
/// </summary>
public class RoutingTests(RoutingGatewayFixture fixture) : IClassFixture<RoutingGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string? Model, string? Route)> AskAsync(string route, string prompt)
    {
        var result = await fixture.OpenAI().GetChatClient(route).CompleteChatAsync([new UserChatMessage(prompt)], cancellationToken: Ct);
        Assert.False(string.IsNullOrWhiteSpace(result.Value.Content[0].Text));
        return (ResponseHeaders.Get(result, "x-switchyard-model"), ResponseHeaders.Get(result, "x-switchyard-route"));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        return await fixture.Http.SendAsync(request, Ct);
    }

    private static string Body(string route, string prompt, string? switchyard = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = route,
            ["messages"] = new[] { new { role = "user", content = prompt } },
            ["switchyard"] = switchyard is null ? null : JsonDocument.Parse(switchyard).RootElement,
        }.Where(p => p.Value is not null).ToDictionary());

    private CatalogModel CatalogModelOf(string route, string model) =>
        fixture.Gateway.Snapshots.Current.Routes[route].Deployments.Single(d => d.Model.Id == model).Model;

    [Theory]
    [InlineData("What's the capital of France?")]
    [InlineData("Hello! How are you today?")]
    public async Task Cheap_prompts_go_to_the_cheapest_capable_model(string prompt)
    {
        // Chat needs tier 3 (4 when the classifier is unsure): gpt-4.1-mini has chat tier 4 and the lowest estimate.
        var (model, route) = await AskAsync("smart", prompt);
        Assert.Equal("gpt-4.1-mini", model);
        Assert.Equal("smart", route);
    }

    [Theory]
    [InlineData("Prove that there are infinitely many prime numbers, and then prove that the square root of 2 is irrational.", TaskClass.Math, 4, "claude-haiku-4-5")]
    [InlineData("Prove by induction that the sum of the first n odd numbers equals n squared.", TaskClass.Math, 4, "claude-haiku-4-5")]
    [InlineData("Implement a lock-free concurrent queue in C# using Interlocked.CompareExchange, and explain the memory ordering.", TaskClass.Code, 5, "claude-sonnet-4-5")]
    [InlineData("Write a Rust function that implements a red-black tree with insert and delete, handling all rebalancing cases.", TaskClass.Code, 5, "claude-sonnet-4-5")]
    public async Task Hard_prompts_go_to_strong_models(string prompt, TaskClass task, int tier, string expected)
    {
        // task_tiers demand math 4 and code 5: the cheapest model at that tier for the class answers.
        var (model, route) = await AskAsync("smart", prompt);
        Assert.Equal(expected, model);
        Assert.Equal("smart", route);
        Assert.True(CatalogModelOf("smart", model!).TierFor(task) >= tier);
        Assert.True(CatalogModelOf("smart", "gpt-4.1-mini").TierFor(task) < tier, "the cheap model would not have done");
    }

    [Fact]
    public async Task A_prompt_with_an_email_address_only_reaches_no_training_deployments()
    {
        // Without PII the free local model (no tags) is the cheapest capable one.
        Assert.Equal("local-llama", (await AskAsync("private", "Draft a short note saying the meeting moved to Thursday.")).Model);

        for (var i = 0; i < 5; i++)
        {
            var (model, route) = await AskAsync("private", $"Draft a short note to jane.doe{i}@example.com saying the meeting moved to Thursday.");
            Assert.NotEqual("local-llama", model);
            Assert.Contains("no-training", CatalogModelOf("private", model!).Tags);
            Assert.Equal("private", route);
        }
    }

    [Fact]
    public async Task A_request_tag_with_only_untagged_candidates_left_is_a_400_naming_the_tag()
    {
        using var response = await PostAsync(Body("local-llama", "hello"), ("x-switchyard-tags", "no-training"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await ErrorMessageAsync(response);
        Assert.Contains("local/llama-3.1-8b-instruct: it lacks the required data-policy tags (no-training)", message);
    }

    [Fact]
    public async Task A_session_sticks_to_one_model_while_different_sessions_spread()
    {
        async Task<string> AskInSession(string session)
        {
            using var response = await PostAsync(Body("spread", "Tell me something nice about rivers."), ("x-session-id", session));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("spread", ResponseHeaders.Get(response, "x-switchyard-route"));
            return ResponseHeaders.Get(response, "x-switchyard-model")!;
        }

        var sticky = new List<string>();
        for (var i = 0; i < 10; i++) sticky.Add(await AskInSession("conversation-1"));
        Assert.Single(sticky.Distinct());

        var spread = new HashSet<string>();
        for (var i = 0; i < 24; i++) spread.Add(await AskInSession($"conversation-{i + 100}"));
        Assert.True(spread.Count > 1, $"24 sessions all went to {string.Join(", ", spread)}");
    }

    [Fact]
    public async Task A_tiny_max_cost_is_a_400_listing_each_candidates_reason()
    {
        using var response = await PostAsync(Body("smart", "What's the capital of France?", """{"max_cost_usd": 0.0000001}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("smart", ResponseHeaders.Get(response, "x-switchyard-route"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal("no_candidate", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        foreach (var deployment in fixture.Gateway.Snapshots.Current.Routes["smart"].Deployments)
            Assert.Contains($"{deployment.Id}: its estimated cost $", message);
        Assert.Equal(RoutingGatewayFixture.SmartModels.Length, CountOf(message, "exceeds max_cost_usd $0.0000001"));
    }

    [Fact]
    public async Task Header_controls_steer_the_choice()
    {
        using var response = await PostAsync(Body("smart", "What's the capital of France?"), ("x-switchyard-provider-only", "sim-gemini"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("gemini-", ResponseHeaders.Get(response, "x-switchyard-model"));
        Assert.Equal("sim-gemini", ResponseHeaders.Get(response, "x-switchyard-provider"));
    }

    [Fact]
    public async Task A_wrong_control_is_a_400_naming_the_field()
    {
        using var response = await PostAsync(Body("smart", "hello", """{"min_tier": "high"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("switchyard.min_tier", doc.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
