using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Switchyard.Providers.Http;

/// <summary>Serializes a wire request with its source-generated contract into a sized HTTP body.</summary>
public static class JsonBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static ByteArrayContent Create<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        // Sized (not chunked): some OpenAI-compatible local servers refuse chunked request bodies.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>Joins a base URL and a relative path with exactly one slash between them.</summary>
    public static Uri Combine(Uri baseUrl, string path)
    {
        var b = baseUrl.ToString().TrimEnd('/');
        return new Uri(b + "/" + path.TrimStart('/'));
    }
}
