using System.Globalization;
using OpenAI.Chat;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

/// <summary>Plain chat through the gateway with the official OpenAI SDK, for each wire format behind it.</summary>
public class ChatCompletionTests(GatewayFixture fixture)
{
    internal static readonly Dictionary<string, (decimal In, decimal Out)> Prices = new()
    {
        [GatewayFixture.OpenAIModel] = (0.40m, 1.60m),
        [GatewayFixture.AnthropicModel] = (1.00m, 5.00m),
        [GatewayFixture.GeminiModel] = (0.30m, 2.50m),
    };

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Answers_with_content_usage_and_the_switchyard_headers(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var result = await chat.CompleteChatAsync(
            [new SystemChatMessage("You are terse."), new UserChatMessage("Name three primary colours.")],
            cancellationToken: TestContext.Current.CancellationToken);
        var completion = result.Value;

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);

        Assert.Equal(model, ResponseHeaders.Get(result, "x-switchyard-model"));
        Assert.Equal(model, ResponseHeaders.Get(result, "x-switchyard-route"));
        Assert.StartsWith("sim-", ResponseHeaders.Get(result, "x-switchyard-provider"));
        Assert.Equal("1", ResponseHeaders.Get(result, "x-switchyard-attempts"));
        Assert.Equal("true", ResponseHeaders.Get(result, "x-switchyard-simulated"));
        Assert.StartsWith("req_", ResponseHeaders.Get(result, "x-request-id"));

        var (input, output) = Prices[model];
        var expected = (completion.Usage.InputTokenCount * input + completion.Usage.OutputTokenCount * output) / 1_000_000m;
        Assert.Equal(expected, decimal.Parse(ResponseHeaders.Get(result, "x-switchyard-cost-usd")!, CultureInfo.InvariantCulture));
        // Asked for by name: the baseline is the model itself, so nothing was saved.
        Assert.Equal(expected, decimal.Parse(ResponseHeaders.Get(result, "x-switchyard-baseline-cost-usd")!, CultureInfo.InvariantCulture));
        Assert.Null(ResponseHeaders.Get(result, "x-switchyard-cost-estimated"));
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Same_prompt_gives_the_same_answer(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var ct = TestContext.Current.CancellationToken;
        var first = await chat.CompleteChatAsync([new UserChatMessage("Deterministic?")], cancellationToken: ct);
        var second = await chat.CompleteChatAsync([new UserChatMessage("Deterministic?")], cancellationToken: ct);
        Assert.Equal(first.Value.Content[0].Text, second.Value.Content[0].Text);
    }

    [Theory]
    [ClassData(typeof(WireFormats))]
    public async Task Max_tokens_cuts_the_answer_with_finish_reason_length(string model)
    {
        var chat = fixture.OpenAI().GetChatClient(model);
        var result = await chat.CompleteChatAsync(
            [new UserChatMessage("Write a long essay about the history of railways in Europe, with many details.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 3 }, TestContext.Current.CancellationToken);
        Assert.Equal(ChatFinishReason.Length, result.Value.FinishReason);
        Assert.True(result.Value.Usage.OutputTokenCount <= 3);
    }

    [Fact]
    public async Task A_route_names_itself_and_the_model_that_answered()
    {
        var chat = fixture.OpenAI().GetChatClient("everywhere");
        var result = await chat.CompleteChatAsync([new UserChatMessage("hello")], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("everywhere", ResponseHeaders.Get(result, "x-switchyard-route"));
        Assert.Equal(GatewayFixture.AnthropicModel, ResponseHeaders.Get(result, "x-switchyard-model"));
    }

    [Fact]
    public async Task An_upstream_without_usage_is_counted_by_the_gateway_and_marked_estimated()
    {
        var body = $$"""{"model":"{{GatewayFixture.OpenAIModel}}","messages":[{"role":"user","content":"Count me, please. [sim:no_usage]"}]}""";
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(doc.RootElement.TryGetProperty("usage", out _)); // passed through as the upstream sent it
        Assert.Equal("true", ResponseHeaders.Get(response, "x-switchyard-cost-estimated"));
        var cost = decimal.Parse(ResponseHeaders.Get(response, "x-switchyard-cost-usd")!, CultureInfo.InvariantCulture);
        Assert.True(cost > 0);
    }
}
