using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Anthropic;

/// <summary>OpenAI function tools, tool_choice and assistant tool_calls → Anthropic tools, tool_choice and tool_use blocks.</summary>
internal static class AnthropicToolMapper
{
    /// <summary>Anthropic requires input_schema; a function without parameters takes no arguments.</summary>
    private static readonly JsonElement EmptyObjectSchema = JsonElement.Parse("""{"type":"object","properties":{}}""");
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    public static List<AnthropicTool>? MapTools(List<ToolDefinition>? tools, ProviderEndpoint endpoint)
    {
        if (tools is null or { Count: 0 }) return null;
        return tools.Select(tool => tool is { Type: "function", Function: { } function }
            ? new AnthropicTool
            {
                Name = function.Name,
                Description = function.Description,
                InputSchema = function.Parameters ?? EmptyObjectSchema,
            }
            : throw AnthropicRequestError.Create(endpoint, $"tools of type '{tool.Type}' are not supported by Anthropic; only function tools are.")).ToList();
    }

    /// <summary>
    /// "auto" → auto, "required" → any, "none" → none, {"function":{"name"}} → tool. OpenAI's
    /// parallel_tool_calls false becomes disable_parallel_tool_use, which lives inside tool_choice,
    /// so it forces an explicit {"type":"auto"} when the client gave no tool_choice.
    /// </summary>
    public static AnthropicToolChoice? MapToolChoice(JsonElement? toolChoice, bool? parallelToolCalls, ProviderEndpoint endpoint)
    {
        var choice = toolChoice is { } value ? Parse(value, endpoint) : null;
        if (parallelToolCalls == false)
        {
            choice ??= new AnthropicToolChoice { Type = "auto" };
            if (choice.Type != "none") choice.DisableParallelToolUse = true;
        }
        return choice;
    }

    private static AnthropicToolChoice? Parse(JsonElement value, ProviderEndpoint endpoint)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "auto" => new AnthropicToolChoice { Type = "auto" },
                "required" => new AnthropicToolChoice { Type = "any" },
                "none" => new AnthropicToolChoice { Type = "none" },
                var other => throw AnthropicRequestError.Create(endpoint, $"tool_choice '{other}' is not supported by Anthropic."),
            };
        }
        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            return new AnthropicToolChoice { Type = "tool", Name = name.GetString() };
        throw AnthropicRequestError.Create(endpoint, "tool_choice must be \"auto\", \"required\", \"none\" or {\"type\":\"function\",\"function\":{\"name\":...}} for Anthropic.");
    }

    /// <summary>An assistant's tool_calls → tool_use blocks, whose input is a JSON object (OpenAI sends it as text).</summary>
    public static IEnumerable<AnthropicBlock> ToolUseBlocks(List<ToolCall>? toolCalls, ProviderEndpoint endpoint)
    {
        if (toolCalls is null) yield break;
        foreach (var call in toolCalls)
        {
            yield return new AnthropicBlock
            {
                Type = "tool_use",
                Id = call.Id,
                Name = call.Function?.Name,
                Input = ParseArguments(call, endpoint),
            };
        }
    }

    private static JsonElement ParseArguments(ToolCall call, ProviderEndpoint endpoint)
    {
        var arguments = call.Function?.Arguments;
        if (string.IsNullOrWhiteSpace(arguments)) return EmptyObject; // a call without arguments
        try
        {
            var input = JsonElement.Parse(arguments);
            if (input.ValueKind == JsonValueKind.Object) return input;
        }
        catch (JsonException)
        {
            // reported below with the same message as a non-object
        }
        throw AnthropicRequestError.Create(endpoint,
            $"the arguments of tool call '{call.Id}' ({call.Function?.Name}) are not a JSON object; Anthropic needs tool_use input as an object.");
    }
}
