using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Simulator.Tests.Support;
using static Switchyard.Simulator.Tests.Support.HttpExtensions;
using static Switchyard.Simulator.Tests.Support.ProviderRequests;

namespace Switchyard.Simulator.Tests.Providers;

public class OpenAIEmbeddingsAndModelsTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private readonly HttpClient _http = fixture.Http;

    private async Task<JsonNode> EmbedAsync(string body) => await _http.SendForJsonAsync(OpenAI(body, "/v1/embeddings"));

    private static float[] Vector(JsonNode json, int index) =>
        json["data"]![index]!["embedding"]!.AsArray().Select(x => x!.GetValue<float>()).ToArray();

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public async Task Embedding_has_the_fixture_shape_and_a_unit_vector_of_1536_dimensions()
    {
        var json = await EmbedAsync("""{"model":"text-embedding-ada-002","input":"The food was delicious and the waiter..."}""");
        JsonShape.AssertSame(Fixtures.Json("openai/embeddings-response.json"), json);
        var vector = Vector(json, 0);
        Assert.Equal(1536, vector.Length);
        Assert.Equal(1.0, Dot(vector, vector), 3);
        Assert.Equal(Switchyard.Simulator.Generation.TokenCounter.Count("The food was delicious and the waiter..."), json["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Embeddings_are_deterministic_honour_dimensions_and_reflect_shared_words()
    {
        var json = await EmbedAsync("""{"model":"text-embedding-3-small","dimensions":256,"input":["the cat sat on the mat","the cat sat on a mat","quarterly revenue grew","the cat sat on the mat"]}""");
        Assert.Equal(4, json["data"]!.AsArray().Count);
        var (cat, cat2, revenue, again) = (Vector(json, 0), Vector(json, 1), Vector(json, 2), Vector(json, 3));
        Assert.Equal(256, cat.Length);
        Assert.Equal(cat, again);
        Assert.True(Dot(cat, cat2) > Dot(cat, revenue) + 0.3);
        Assert.Equal(3, json["data"]![3]!["index"]!.GetValue<int>());
    }

    [Fact]
    public async Task Base64_encoding_carries_the_same_floats()
    {
        var floats = Vector(await EmbedAsync("""{"model":"m","dimensions":8,"input":"hello"}"""), 0);
        var base64 = await EmbedAsync("""{"model":"m","dimensions":8,"input":"hello","encoding_format":"base64"}""");
        var bytes = Convert.FromBase64String(base64["data"]![0]!["embedding"]!.GetValue<string>());
        Assert.Equal(floats, Enumerable.Range(0, 8).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray());
    }

    [Fact]
    public async Task Embeddings_without_input_get_400()
    {
        var (response, _) = await _http.SendForTextAsync(OpenAI("""{"model":"m"}""", "/v1/embeddings"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Models_list_has_the_fixture_shape_and_the_configured_models()
    {
        fixture.Simulator.Options.Models["custom-listed-model"] = new();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models") { Headers = { { "Authorization", "Bearer k" } } };
        var json = await _http.SendForJsonAsync(request);
        JsonShape.AssertSame(Fixtures.Json("openai/models-list.json"), json, "data[].shutdown_date");
        var ids = json["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("gpt-4o", ids);
        Assert.Contains("custom-listed-model", ids);

        var one = await _http.SendForJsonAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/models/gpt-4o") { Headers = { { "Authorization", "Bearer k" } } });
        Assert.Equal("gpt-4o", one["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync("/v1/models", Ct)).StatusCode);
    }
}
