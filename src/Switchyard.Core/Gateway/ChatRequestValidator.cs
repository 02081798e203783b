using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Gateway;

/// <summary>
/// Checks what the OpenAI API itself would refuse, so a client mistake gets a 400 naming the field
/// instead of a provider error later. Throws <see cref="GatewayException"/> on the first problem.
/// </summary>
public static class ChatRequestValidator
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static void Validate(ChatRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model)) throw GatewayErrors.InvalidRequest("'model' is required.", "model");
        if (request.Messages is null) throw GatewayErrors.InvalidRequest("'messages' is required.", "messages");
        if (request.Messages.Count == 0) throw GatewayErrors.InvalidRequest("'messages' must contain at least one message.", "messages");
        for (var i = 0; i < request.Messages.Count; i++) ValidateMessage(request.Messages[i], i);

        Range(request.Temperature, 0, 2, "temperature");
        Range(request.TopP, 0, 1, "top_p");
        if (request.MaxTokens is < 1) throw GatewayErrors.InvalidRequest("'max_tokens' must be at least 1.", "max_tokens");
        if (request.MaxCompletionTokens is < 1) throw GatewayErrors.InvalidRequest("'max_completion_tokens' must be at least 1.", "max_completion_tokens");
        if (request.N is < 1 or > 128) throw GatewayErrors.InvalidRequest("'n' must be between 1 and 128.", "n");
        if (request.Stop is { Values.Count: > 4 }) throw GatewayErrors.InvalidRequest("'stop' takes at most 4 sequences.", "stop");
        if (request.StreamOptions is not null && !request.IsStreaming)
            throw GatewayErrors.InvalidRequest("'stream_options' is only allowed when 'stream' is true.", "stream_options");

        if (request.Tools is { } tools)
            for (var i = 0; i < tools.Count; i++) ValidateTool(tools[i], i);
        if (request.ToolChoice is { } choice) ValidateToolChoice(choice, request.Tools);
        if (request.ResponseFormat is { } format) ValidateResponseFormat(format);
    }

    // Field paths ("messages[3]") are built only for an error: every valid request passes here.
    private static void ValidateMessage(ChatMessage message, int index)
    {
        var path = new FieldPath("messages", index);
        if (string.IsNullOrEmpty(message.Role)) throw GatewayErrors.InvalidRequest($"'{path}.role' is required.", path + ".role");
        if (!Roles.Contains(message.Role))
            throw GatewayErrors.InvalidRequest($"'{path}.role' is '{message.Role}'; expected one of system, developer, user, assistant, tool.", path + ".role");
        var hasToolCalls = message.ToolCalls is { Count: > 0 };
        if (message.Content is null && !(message.Role == "assistant" && (hasToolCalls || message.Refusal is not null)))
            throw GatewayErrors.InvalidRequest($"'{path}.content' is required for a {message.Role} message.", path + ".content");
        if (message.Role == "tool" && string.IsNullOrEmpty(message.ToolCallId))
            throw GatewayErrors.InvalidRequest($"'{path}.tool_call_id' is required for a tool message.", path + ".tool_call_id");
        if (message.Content?.Parts is { } parts)
            for (var i = 0; i < parts.Count; i++) ValidatePart(parts[i], path, i);
        if (message.ToolCalls is { } calls)
            for (var i = 0; i < calls.Count; i++)
                if (string.IsNullOrEmpty(calls[i].Id) || string.IsNullOrEmpty(calls[i].Function?.Name))
                    throw GatewayErrors.InvalidRequest($"'{path}.tool_calls[{i}]' needs an id and a function name.", $"{path}.tool_calls[{i}]");
    }

    private static void ValidatePart(ContentPart part, FieldPath message, int index)
    {
        var path = message.Then("content", index);
        switch (part.Type)
        {
            case "text" when part.Text is null:
                throw GatewayErrors.InvalidRequest($"'{path}.text' is required for a text part.", path + ".text");
            case "image_url" when string.IsNullOrEmpty(part.ImageUrl?.Url):
                throw GatewayErrors.InvalidRequest($"'{path}.image_url.url' is required for an image_url part.", path + ".image_url");
        }
    }

    private static void ValidateTool(ToolDefinition tool, int index)
    {
        var path = new FieldPath("tools", index);
        if (string.IsNullOrEmpty(tool.Type)) throw GatewayErrors.InvalidRequest($"'{path}.type' is required.", path + ".type");
        if (tool.Type != "function") return; // other tool types ("custom") pass through to upstreams that know them
        var name = tool.Function?.Name;
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw GatewayErrors.InvalidRequest($"'{path}.function.name' must be 1-64 letters, digits, '_' or '-'.", path + ".function.name");
        if (tool.Function!.Parameters is { ValueKind: not JsonValueKind.Object })
            throw GatewayErrors.InvalidRequest($"'{path}.function.parameters' must be a JSON Schema object.", path + ".function.parameters");
    }

    private static void ValidateToolChoice(JsonElement choice, List<ToolDefinition>? tools)
    {
        if (choice.ValueKind == JsonValueKind.String)
        {
            var value = choice.GetString();
            if (value is not ("none" or "auto" or "required"))
                throw GatewayErrors.InvalidRequest("'tool_choice' must be 'none', 'auto', 'required' or a function object.", "tool_choice");
            if (value == "required" && tools is not { Count: > 0 })
                throw GatewayErrors.InvalidRequest("'tool_choice' is 'required' but no tools were given.", "tool_choice");
            return;
        }
        if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("function", out var f)
            || !f.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
            throw GatewayErrors.InvalidRequest("'tool_choice' must be 'none', 'auto', 'required' or {\"type\":\"function\",\"function\":{\"name\":...}}.", "tool_choice");
        var name = n.GetString();
        if (tools?.Any(t => t.Function?.Name == name) != true)
            throw GatewayErrors.InvalidRequest($"'tool_choice' names the function '{name}', which is not in 'tools'.", "tool_choice");
    }

    private static void ValidateResponseFormat(ResponseFormat format)
    {
        switch (format.Type)
        {
            case "text" or "json_object":
                return;
            case "json_schema":
                if (format.JsonSchema is null || string.IsNullOrEmpty(format.JsonSchema.Name))
                    throw GatewayErrors.InvalidRequest("'response_format.json_schema.name' is required.", "response_format.json_schema");
                if (format.JsonSchema.Schema is { ValueKind: not JsonValueKind.Object })
                    throw GatewayErrors.InvalidRequest("'response_format.json_schema.schema' must be a JSON Schema object.", "response_format.json_schema.schema");
                return;
            default:
                throw GatewayErrors.InvalidRequest($"'response_format.type' is '{format.Type}'; expected text, json_object or json_schema.", "response_format.type");
        }
    }

    private static void Range(double? value, double min, double max, string name)
    {
        if (value is { } v && (v < min || v > max || double.IsNaN(v)))
            throw GatewayErrors.InvalidRequest($"'{name}' must be between {min} and {max}.", name);
    }

    /// <summary>"messages[3]" or "messages[3].content[1]", as text only when an error message needs it.</summary>
    private readonly record struct FieldPath(string Name, int Index, string? InnerName = null, int InnerIndex = 0)
    {
        public FieldPath Then(string innerName, int innerIndex) => this with { InnerName = innerName, InnerIndex = innerIndex };

        public override string ToString() => InnerName is null ? $"{Name}[{Index}]" : $"{Name}[{Index}].{InnerName}[{InnerIndex}]";

        public static string operator +(FieldPath path, string suffix) => path.ToString() + suffix;
    }
}
