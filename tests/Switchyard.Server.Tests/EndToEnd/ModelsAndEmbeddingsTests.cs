using System.ClientModel;
using System.Net;
using System.Text;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.EndToEnd;

public class ModelsAndEmbeddingsTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Lists_every_model_and_route_in_the_openai_shape()
    {
        var models = (await fixture.OpenAI().GetOpenAIModelClient().GetModelsAsync(TestContext.Current.CancellationToken)).Value;
        var ids = models.Select(m => m.Id).ToList();
        Assert.Contains(GatewayFixture.OpenAIModel, ids);
        Assert.Contains(GatewayFixture.AnthropicModel, ids);
        Assert.Contains(GatewayFixture.GeminiModel, ids);
        Assert.Contains("text-embedding-3-small", ids);
        Assert.Contains("everywhere", ids);
        Assert.Equal("sim-anthropic", models.Single(m => m.Id == GatewayFixture.AnthropicModel).OwnedBy);
        Assert.Equal("switchyard", models.Single(m => m.Id == "everywhere").OwnedBy);
    }

    [Fact]
    public async Task Embeds_through_an_openai_compatible_upstream()
    {
        var client = fixture.OpenAI().GetEmbeddingClient("text-embedding-3-small");
        var ct = TestContext.Current.CancellationToken;
        var one = (await client.GenerateEmbeddingAsync("the quick brown fox", cancellationToken: ct)).Value.ToFloats();
        var again = (await client.GenerateEmbeddingAsync("the quick brown fox", cancellationToken: ct)).Value.ToFloats();
        var other = (await client.GenerateEmbeddingAsync("a completely different sentence", cancellationToken: ct)).Value.ToFloats();
        Assert.Equal(1536, one.Length);
        Assert.Equal(one.ToArray(), again.ToArray());
        Assert.NotEqual(one.ToArray(), other.ToArray());

        var batch = (await client.GenerateEmbeddingsAsync(["a", "b", "c"], new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = 64 }, ct)).Value;
        Assert.Equal(3, batch.Count);
        Assert.All(batch, e => Assert.Equal(64, e.ToFloats().Length));
    }

    [Fact]
    public async Task Embeddings_on_a_model_without_an_embeddings_api_is_a_400_that_says_why()
    {
        var body = $$"""{"model":"{{GatewayFixture.AnthropicModel}}","input":"hello"}""";
        using var response = await fixture.Http.PostAsync("/v1/embeddings", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("has no embeddings", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_model_raises_a_404_in_the_sdk()
    {
        var chat = fixture.OpenAI().GetChatClient("no-such-model");
        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            chat.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(404, ex.Status);
        Assert.Contains("no-such-model", ex.Message);
    }
}
