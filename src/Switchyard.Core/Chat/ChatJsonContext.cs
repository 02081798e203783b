using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>
/// Source-generated serializers for the canonical (OpenAI-shaped) types: no reflection per request.
/// Nulls are omitted on write except where a property opts in (OpenAI writes finish_reason: null).
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ContentPart))]
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(EmbeddingResponse))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Usage))]
public sealed partial class ChatJsonContext : JsonSerializerContext;
