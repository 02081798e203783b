using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>One message of the conversation: role system, developer, user, assistant or tool.</summary>
public sealed class ChatMessage
{
    [JsonPropertyName("role")] public string Role { get; set; } = "";
    /// <summary>A string, an array of content parts, or null (an assistant turn with only tool calls).</summary>
    /// <remarks>Omitted when null, so a request passes through as the client wrote it.</remarks>
    [JsonPropertyName("content")] public MessageContent? Content { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("tool_calls")] public List<ToolCall>? ToolCalls { get; set; }
    /// <summary>On a tool message: the id of the assistant tool call it answers.</summary>
    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; set; }
    [JsonPropertyName("refusal")] public string? Refusal { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// Message content as OpenAI allows it: a plain string or a list of parts. Exactly one of
/// <see cref="Text"/> and <see cref="Parts"/> is set.
/// </summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed class MessageContent
{
    public string? Text { get; init; }
    public List<ContentPart>? Parts { get; init; }

    public static MessageContent FromText(string text) => new() { Text = text };

    /// <summary>The concatenated text of the content (text parts only), for classifiers and counting.</summary>
    public string AllText()
    {
        if (Text is not null) return Text;
        if (Parts is null) return "";
        if (Parts.Count == 1) return Parts[0].Text ?? "";
        return string.Concat(Parts.Where(p => p.Text is not null).Select(p => p.Text));
    }
}

/// <summary>A content part: {"type":"text","text":...} or {"type":"image_url","image_url":{"url":...}}; other types pass through in <see cref="Extra"/>.</summary>
public sealed class ContentPart
{
    [JsonPropertyName("type")] public string Type { get; set; } = "text";
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("image_url")] public ImageUrl? ImageUrl { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ImageUrl
{
    /// <summary>An https URL or a data: URL (base64).</summary>
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    [JsonPropertyName("detail")] public string? Detail { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ToolCall
{
    /// <summary>Only on stream deltas: the position of the call in the message's tool_calls.</summary>
    [JsonPropertyName("index")] public int? Index { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("function")] public FunctionCall? Function { get; set; }
}

public sealed class FunctionCall
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>The arguments as a JSON text (OpenAI sends a string, not an object).</summary>
    [JsonPropertyName("arguments")] public string? Arguments { get; set; }
}
