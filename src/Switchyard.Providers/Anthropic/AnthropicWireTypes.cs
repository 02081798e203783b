using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Providers.Anthropic;

/// <summary>The body of POST /v1/messages. Only what the canonical request can express is modelled.</summary>
internal sealed class AnthropicRequest
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    /// <summary>Required by Anthropic, unlike OpenAI.</summary>
    [JsonPropertyName("max_tokens")] public int MaxTokens { get; set; }
    /// <summary>Written as a plain string when it is one text block, else as text blocks.</summary>
    [JsonPropertyName("system")]
    [JsonConverter(typeof(TextOrBlocksConverter))]
    public List<AnthropicBlock>? System { get; set; }
    [JsonPropertyName("messages")] public List<AnthropicMessage> Messages { get; set; } = [];
    [JsonPropertyName("tools")] public List<AnthropicTool>? Tools { get; set; }
    [JsonPropertyName("tool_choice")] public AnthropicToolChoice? ToolChoice { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("stop_sequences")] public IReadOnlyList<string>? StopSequences { get; set; }
    [JsonPropertyName("metadata")] public AnthropicMetadata? Metadata { get; set; }
    [JsonPropertyName("output_config")] public AnthropicOutputConfig? OutputConfig { get; set; }
    [JsonPropertyName("stream")] public bool Stream { get; set; }
}

internal sealed class AnthropicMessage
{
    /// <summary>"user" or "assistant": Anthropic has no other roles inside messages.</summary>
    [JsonPropertyName("role")] public string Role { get; set; } = "";
    [JsonPropertyName("content")]
    [JsonConverter(typeof(TextOrBlocksConverter))]
    public List<AnthropicBlock> Content { get; set; } = [];
}

/// <summary>
/// One content block, in requests and answers: text, image, tool_use, tool_result, thinking.
/// One class with optional fields keeps the source-generated contract simple; nulls are omitted.
/// </summary>
internal sealed class AnthropicBlock
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("source")] public AnthropicImageSource? Source { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }
    [JsonPropertyName("tool_use_id")] public string? ToolUseId { get; set; }
    [JsonPropertyName("content")]
    [JsonConverter(typeof(TextOrBlocksConverter))]
    public List<AnthropicBlock>? Content { get; set; }

    public static AnthropicBlock OfText(string text) => new() { Type = "text", Text = text };
}

/// <summary>{"type":"base64","media_type","data"} or {"type":"url","url"}.</summary>
internal sealed class AnthropicImageSource
{
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    [JsonPropertyName("media_type")] public string? MediaType { get; set; }
    [JsonPropertyName("data")] public string? Data { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
}

internal sealed class AnthropicTool
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("input_schema")] public JsonElement InputSchema { get; set; }
}

/// <summary>{"type":"auto"|"any"|"none"|"tool", "name"?, "disable_parallel_tool_use"?}.</summary>
internal sealed class AnthropicToolChoice
{
    [JsonPropertyName("type")] public string Type { get; set; } = "auto";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("disable_parallel_tool_use")] public bool? DisableParallelToolUse { get; set; }
}

internal sealed class AnthropicMetadata
{
    [JsonPropertyName("user_id")] public string? UserId { get; set; }
}

/// <summary>Structured outputs (GA): {"format":{"type":"json_schema","schema":{...}}}.</summary>
internal sealed class AnthropicOutputConfig
{
    [JsonPropertyName("format")] public AnthropicOutputFormat? Format { get; set; }
}

internal sealed class AnthropicOutputFormat
{
    [JsonPropertyName("type")] public string Type { get; set; } = "json_schema";
    [JsonPropertyName("schema")] public JsonElement Schema { get; set; }
}
