using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>
/// The canonical chat request: the OpenAI Chat Completions request shape, typed for the fields the
/// gateway reads or maps, with every other field kept in <see cref="Extra"/> so that it passes
/// through unchanged to OpenAI-compatible upstreams.
/// </summary>
public sealed class ChatRequest
{
    [JsonPropertyName("model")] public string? Model { get; set; }
    [JsonPropertyName("messages")] public List<ChatMessage>? Messages { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; set; }
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; set; }
    [JsonPropertyName("stop")] public StopSequences? Stop { get; set; }
    [JsonPropertyName("seed")] public long? Seed { get; set; }
    [JsonPropertyName("user")] public string? User { get; set; }
    [JsonPropertyName("metadata")] public Dictionary<string, string>? Metadata { get; set; }
    [JsonPropertyName("tools")] public List<ToolDefinition>? Tools { get; set; }
    /// <summary>"none" | "auto" | "required" | {"type":"function","function":{"name":...}}.</summary>
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; set; }
    [JsonPropertyName("parallel_tool_calls")] public bool? ParallelToolCalls { get; set; }
    [JsonPropertyName("response_format")] public ResponseFormat? ResponseFormat { get; set; }
    [JsonPropertyName("stream")] public bool? Stream { get; set; }
    [JsonPropertyName("stream_options")] public StreamOptions? StreamOptions { get; set; }
    [JsonPropertyName("n")] public int? N { get; set; }

    /// <summary>
    /// The gateway's own per-request controls (DESIGN.md: the field belongs to the gateway).
    /// Read by the gateway and never forwarded upstream.
    /// </summary>
    [JsonPropertyName("switchyard")] public JsonElement? Switchyard { get; set; }

    /// <summary>Fields the gateway does not model; forwarded unchanged to OpenAI-compatible upstreams.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    [JsonIgnore] public bool IsStreaming => Stream == true;

    /// <summary>The output limit the client asked for, whichever of the two fields it used.</summary>
    [JsonIgnore] public int? RequestedMaxOutputTokens => MaxCompletionTokens ?? MaxTokens;

    [JsonIgnore] public bool IncludeUsage => StreamOptions?.IncludeUsage == true;

    /// <summary>A shallow copy: lists are shared, so mappers must not mutate them.</summary>
    public ChatRequest ShallowCopy() => (ChatRequest)MemberwiseClone();
}

public sealed class StreamOptions
{
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ResponseFormat
{
    /// <summary>"text" | "json_object" | "json_schema".</summary>
    [JsonPropertyName("type")] public string Type { get; set; } = "text";
    [JsonPropertyName("json_schema")] public JsonSchemaFormat? JsonSchema { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class JsonSchemaFormat
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("schema")] public JsonElement? Schema { get; set; }
    [JsonPropertyName("strict")] public bool? Strict { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ToolDefinition
{
    [JsonPropertyName("type")] public string Type { get; set; } = "function";
    [JsonPropertyName("function")] public FunctionDefinition? Function { get; set; }
    /// <summary>Other tool types (e.g. OpenAI's "custom" tools) pass through here to OpenAI-compatible upstreams.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class FunctionDefinition
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("description")] public string? Description { get; set; }
    /// <summary>A JSON Schema object describing the arguments.</summary>
    [JsonPropertyName("parameters")] public JsonElement? Parameters { get; set; }
    [JsonPropertyName("strict")] public bool? Strict { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
