namespace Switchyard.Providers.Gemini;

// models/{model}:batchEmbedContents request and response.

internal sealed class GeminiBatchEmbedRequest
{
    public List<GeminiEmbedRequest> Requests { get; set; } = [];
}

internal sealed class GeminiEmbedRequest
{
    /// <summary>"models/{model}": the batch endpoint requires each request to name the model again.</summary>
    public string Model { get; set; } = "";
    public GeminiContent Content { get; set; } = new();
    public int? OutputDimensionality { get; set; }
}

internal sealed class GeminiBatchEmbedResponse
{
    public List<GeminiEmbedding>? Embeddings { get; set; }
}

internal sealed class GeminiEmbedding
{
    public List<float>? Values { get; set; }
}
