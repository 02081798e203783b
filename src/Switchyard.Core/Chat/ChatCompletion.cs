using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>The canonical non-streaming answer: OpenAI's chat.completion object.</summary>
public sealed class ChatCompletion
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("object")] public string Object { get; set; } = "chat.completion";
    [JsonPropertyName("created")] public long Created { get; set; }
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("choices")] public List<ChatChoice> Choices { get; set; } = [];
    [JsonPropertyName("usage")] public Usage? Usage { get; set; }
    [JsonPropertyName("system_fingerprint")] public string? SystemFingerprint { get; set; }
    [JsonPropertyName("service_tier")] public string? ServiceTier { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>
    /// The upstream's body exactly as received, when it already is this completion in OpenAI's shape
    /// (an OpenAI-compatible upstream): the gateway sends these bytes on instead of serializing the
    /// object again, and then disposes them (the buffer is pooled). Null for completions mapped from
    /// another wire format or built here. Whatever changes a completion after it is read must dispose
    /// this and set it to null.
    /// </summary>
    [JsonIgnore] public PooledJson? UpstreamJson { get; set; }
}

public sealed class ChatChoice
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("message")] public ChatMessage Message { get; set; } = new() { Role = "assistant" };
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Logprobs { get; set; }
    /// <summary>"stop" | "length" | "tool_calls" | "content_filter".</summary>
    [JsonPropertyName("finish_reason")] public string? FinishReason { get; set; }
}

/// <summary>Token usage as OpenAI reports it, with cache and reasoning details.</summary>
public sealed class Usage
{
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; set; }
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; set; }
    [JsonPropertyName("prompt_tokens_details")] public PromptTokensDetails? PromptTokensDetails { get; set; }
    [JsonPropertyName("completion_tokens_details")] public CompletionTokensDetails? CompletionTokensDetails { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PromptTokensDetails
{
    /// <summary>Input tokens read from the provider's prompt cache (billed at the cached-input price).</summary>
    [JsonPropertyName("cached_tokens")] public int? CachedTokens { get; set; }
    /// <summary>Input tokens written to the cache (Anthropic's cache_creation_input_tokens); not an OpenAI field.</summary>
    [JsonPropertyName("cache_write_tokens")] public int? CacheWriteTokens { get; set; }
    [JsonPropertyName("audio_tokens")] public int? AudioTokens { get; set; }
}

public sealed class CompletionTokensDetails
{
    [JsonPropertyName("reasoning_tokens")] public int? ReasoningTokens { get; set; }
    [JsonPropertyName("audio_tokens")] public int? AudioTokens { get; set; }
    [JsonPropertyName("accepted_prediction_tokens")] public int? AcceptedPredictionTokens { get; set; }
    [JsonPropertyName("rejected_prediction_tokens")] public int? RejectedPredictionTokens { get; set; }
}
