using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>The canonical stream event: OpenAI's chat.completion.chunk object.</summary>
public sealed class ChatCompletionChunk
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string Object { get; set; } = "chat.completion.chunk";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("system_fingerprint")] public string? SystemFingerprint { get; set; }
    [JsonPropertyName("service_tier")] public string? ServiceTier { get; set; }
    /// <summary>Empty on the final usage chunk (stream_options.include_usage).</summary>
    [JsonPropertyName("choices")] public List<ChunkChoice> Choices { get; set; } = [];
    /// <summary>Null on every chunk but the last usage chunk; OpenAI writes it as an explicit null.</summary>
    [JsonPropertyName("usage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Usage? Usage { get; set; }
    /// <summary>
    /// OpenAI's random padding on each chunk (stream_options.include_obfuscation, on by default),
    /// passed through. A property of its own rather than an Extra field: it is on nearly every
    /// chunk OpenAI sends, and an Extra field costs a parsed JSON document per chunk.
    /// </summary>
    [JsonPropertyName("obfuscation"), JsonConverter(typeof(OpaqueStringConverter))] public string? Obfuscation { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// A copy of the chunk, its choices and their deltas, for a consumer that keeps a chunk an
    /// adapter lent it (see IProviderAdapter.StreamAsync). What adapters never change after handing
    /// it out (strings, usage, tool calls, extra fields) is shared.
    /// </summary>
    public ChatCompletionChunk Clone()
    {
        var copy = (ChatCompletionChunk)MemberwiseClone();
        copy.Choices = Choices?.ConvertAll(c => new ChunkChoice
        {
            Index = c.Index, Logprobs = c.Logprobs, FinishReason = c.FinishReason,
            Delta = new ChunkDelta { Role = c.Delta.Role, Content = c.Delta.Content, Refusal = c.Delta.Refusal, ToolCalls = c.Delta.ToolCalls, Extra = c.Delta.Extra },
        })!;
        return copy;
    }
}

public sealed class ChunkChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("delta")] public ChunkDelta Delta { get; set; } = new();
    [JsonPropertyName("logprobs")] public JsonElement? Logprobs { get; set; }
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; set; }
}

public sealed class ChunkDelta
{
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("content")] public string? Content { get; set; }
    [JsonPropertyName("refusal")] public string? Refusal { get; set; }
    [JsonPropertyName("tool_calls")] public List<ToolCall>? ToolCalls { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
