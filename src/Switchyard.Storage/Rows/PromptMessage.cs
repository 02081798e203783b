using System.Text.Json.Serialization;

namespace Switchyard.Storage.Rows;

/// <summary>One prompt message as the prompt column stores it: the role and the message's text.</summary>
public sealed record PromptMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);
