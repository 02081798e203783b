using System.Text.Json.Serialization;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Source-generated serializers for Gemini's wire types: camelCase names as the API writes them,
/// nulls omitted (Gemini rejects explicit nulls for some message fields).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
[JsonSerializable(typeof(GeminiBatchEmbedRequest))]
[JsonSerializable(typeof(GeminiBatchEmbedResponse))]
[JsonSerializable(typeof(List<float>))]
[JsonSerializable(typeof(string))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
