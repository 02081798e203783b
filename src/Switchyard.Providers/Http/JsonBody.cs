using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Switchyard.Providers.Http;

/// <summary>Serializes a wire request with its source-generated contract into a sized HTTP body.</summary>
public static class JsonBody
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static ByteArrayContent Create<T>(T value, JsonTypeInfo<T> typeInfo) => Create(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>A body already serialized (e.g. by <see cref="Core.Chat.ChatRequestWriter"/>).</summary>
    public static ByteArrayContent Create(byte[] json)
    {
        // Sized (not chunked): some OpenAI-compatible local servers refuse chunked request bodies.
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>
    /// Joins a base URL and a relative path with exactly one slash between them. The result is kept per
    /// base URL instance (a provider endpoint's, which lives as long as its config snapshot), since
    /// building and parsing a Uri on every upstream call cost about half a kilobyte per request.
    /// </summary>
    public static Uri Combine(Uri baseUrl, string path)
    {
        var joined = Joined.GetValue(baseUrl, _ => new ConcurrentDictionary<string, Uri>(StringComparer.Ordinal));
        return joined.TryGetValue(path, out var uri) ? uri : joined.GetOrAdd(path, static (p, b) => Join(b, p), baseUrl);
    }

    private static readonly ConditionalWeakTable<Uri, ConcurrentDictionary<string, Uri>> Joined = new();

    private static Uri Join(Uri baseUrl, string path) => new(baseUrl.ToString().TrimEnd('/') + "/" + path.TrimStart('/'));
}
