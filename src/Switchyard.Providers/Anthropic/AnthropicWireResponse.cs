using System.Text.Json.Serialization;

namespace Switchyard.Providers.Anthropic;

/// <summary>The answer of POST /v1/messages (type "message"), also the message of a stream's message_start.</summary>
internal sealed class AnthropicResponse
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("content")] public List<AnthropicBlock> Content { get; set; } = [];
    /// <summary>end_turn | max_tokens | stop_sequence | tool_use | pause_turn | refusal | model_context_window_exceeded.</summary>
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; set; }
    /// <summary>Set only when a 2xx body is an error object (type "error").</summary>
    [JsonPropertyName("error")] public AnthropicError? Error { get; set; }
}

/// <summary>
/// Token counts. input_tokens excludes cached tokens: cache reads and cache writes are counted
/// apart. Every field is optional because a stream's message_delta may carry only output_tokens.
/// </summary>
internal sealed class AnthropicUsage
{
    [JsonPropertyName("input_tokens")] public int? InputTokens { get; set; }
    [JsonPropertyName("output_tokens")] public int? OutputTokens { get; set; }
    [JsonPropertyName("cache_creation_input_tokens")] public int? CacheCreationInputTokens { get; set; }
    [JsonPropertyName("cache_read_input_tokens")] public int? CacheReadInputTokens { get; set; }
}

/// <summary>{"type":"overloaded_error","message":"Overloaded"}, inside {"type":"error","error":...}.</summary>
internal sealed class AnthropicError
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

/// <summary>
/// Every stream event in one shape: message_start (message), content_block_start (index,
/// content_block), content_block_delta (index, delta), content_block_stop, message_delta (delta,
/// usage), message_stop, ping, error (error).
/// </summary>
internal sealed class AnthropicStreamEvent
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("message")] public AnthropicResponse? Message { get; set; }
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("content_block")] public AnthropicBlock? ContentBlock { get; set; }
    [JsonPropertyName("delta")] public AnthropicStreamDelta? Delta { get; set; }
    [JsonPropertyName("usage")] public AnthropicUsage? Usage { get; set; }
    [JsonPropertyName("error")] public AnthropicError? Error { get; set; }
}

/// <summary>text_delta (text), input_json_delta (partial_json), thinking_delta, signature_delta; or on message_delta: stop_reason.</summary>
internal sealed class AnthropicStreamDelta
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("partial_json")] public string? PartialJson { get; set; }
    [JsonPropertyName("stop_reason")] public string? StopReason { get; set; }
}
