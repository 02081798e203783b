using System.Runtime.InteropServices;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// OpenAI embeddings to models/{model}:batchEmbedContents and back. Gemini reports no token
/// usage for embeddings, so usage is zero (cost accounting estimates it from the input).
/// </summary>
internal static class GeminiEmbeddingsMapper
{
    public static GeminiBatchEmbedRequest ToWire(UpstreamEmbeddingCall call)
    {
        var model = GeminiUrls.ModelResource(call.UpstreamModel);
        return new GeminiBatchEmbedRequest
        {
            Requests = Inputs(call.Request.Input).Select(text => new GeminiEmbedRequest
            {
                Model = model,
                Content = new GeminiContent { Parts = [new GeminiPart { Text = text }] },
                OutputDimensionality = call.Request.Dimensions,
            }).ToList(),
        };
    }

    public static EmbeddingResponse FromWire(GeminiBatchEmbedResponse response, UpstreamEmbeddingCall call)
    {
        var base64 = call.Request.EncodingFormat == "base64";
        var data = (response.Embeddings ?? []).Select((embedding, index) => new EmbeddingItem
        {
            Index = index,
            Embedding = base64 ? Base64(embedding.Values ?? []) : Floats(embedding.Values ?? []),
        }).ToList();
        return new EmbeddingResponse { Data = data, Model = call.UpstreamModel, Usage = new EmbeddingUsage() };
    }

    /// <summary>Gemini embeds text only: a string or an array of strings (OpenAI's token arrays have no Gemini meaning).</summary>
    private static List<string> Inputs(JsonElement? input)
    {
        if (input is { ValueKind: JsonValueKind.String } single) return [single.GetString()!];
        if (input is { ValueKind: JsonValueKind.Array } array && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return array.EnumerateArray().Select(e => e.GetString()!).ToList();
        throw GeminiRequestError.Unsupported("embedding input other than a string or an array of strings.");
    }

    private static JsonElement Floats(List<float> values) => JsonSerializer.SerializeToElement(values, GeminiJsonContext.Default.ListSingle);

    /// <summary>OpenAI's base64 format: the little-endian float32 bytes, base64-encoded.</summary>
    private static JsonElement Base64(List<float> values)
    {
        var bytes = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(values));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("base64 embeddings need a little-endian host.");
        return JsonSerializer.SerializeToElement(Convert.ToBase64String(bytes), GeminiJsonContext.Default.String);
    }
}
