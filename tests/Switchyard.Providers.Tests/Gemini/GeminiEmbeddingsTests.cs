using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Tests.Gemini;

/// <summary>
/// Embeddings through models/{model}:batchEmbedContents. No recorded fixture exists for it; the
/// response body here is built from the documented BatchEmbedContentsResponse shape.
/// </summary>
public sealed class GeminiEmbeddingsTests
{
    private const string Answer = """{"embeddings": [{"values": [0.5, -1.25]}, {"values": [2, 0]}]}""";

    private static UpstreamEmbeddingCall Call(string json) =>
        new(GeminiTestCalls.Endpoint(), "gemini-embedding-001", JsonSerializer.Deserialize(json, ChatJsonContext.Default.EmbeddingRequest)!);

    [Fact]
    public async Task Inputs_are_sent_as_one_batch_and_vectors_come_back_in_order()
    {
        var stub = GeminiTestCalls.Answer(Answer);
        var result = await GeminiTestCalls.Adapter(stub).EmbedAsync(Call("""{"input": ["a", "b"], "dimensions": 2}"""), TestContext.Current.CancellationToken);

        Assert.Equal("https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents", stub.Requests[^1].Request.RequestUri!.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"requests": [
              {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "a"}]}, "outputDimensionality": 2},
              {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "b"}]}, "outputDimensionality": 2}
            ]}
            """), JsonNode.Parse(stub.LastBody)), stub.LastBody);
        Assert.Equal("list", result.Object);
        Assert.Equal("gemini-embedding-001", result.Model);
        Assert.Equal([0, 1], result.Data.Select(d => d.Index));
        Assert.Equal([0.5f, -1.25f], result.Data[0].Embedding.EnumerateArray().Select(e => e.GetSingle()));
    }

    [Fact]
    public async Task Base64_encoding_gives_little_endian_float32_bytes_as_openai_does()
    {
        var result = await GeminiTestCalls.Adapter(GeminiTestCalls.Answer(Answer))
            .EmbedAsync(Call("""{"input": "a", "encoding_format": "base64"}"""), TestContext.Current.CancellationToken);
        var bytes = Convert.FromBase64String(result.Data[1].Embedding.GetString()!);
        Assert.Equal([2f, 0f], [BitConverter.ToSingle(bytes, 0), BitConverter.ToSingle(bytes, 4)]);
    }

    [Fact]
    public async Task Token_array_input_is_unsupported()
    {
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => GeminiTestCalls.Adapter(GeminiTestCalls.Answer(Answer))
            .EmbedAsync(Call("""{"input": [[1, 2, 3]]}"""), TestContext.Current.CancellationToken));
        Assert.Equal(UpstreamErrorKind.Unsupported, ex.Kind);
    }
}
