using System.Text.Json.Serialization;

namespace Switchyard.Providers.Anthropic;

/// <summary>Source-generated contracts for the Anthropic wire: no reflection per request. Nulls are omitted.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicRequest))]
[JsonSerializable(typeof(AnthropicResponse))]
[JsonSerializable(typeof(AnthropicStreamEvent))]
[JsonSerializable(typeof(AnthropicBlock))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
