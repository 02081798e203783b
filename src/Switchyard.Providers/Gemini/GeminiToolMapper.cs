using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Tools and tool_choice. Function parameters go in parametersJsonSchema rather than parameters:
/// parameters takes Google's OpenAPI-3.0 subset and refuses what OpenAI clients commonly send
/// (additionalProperties:false from strict mode, $ref, const); parametersJsonSchema takes JSON Schema.
/// </summary>
internal static class GeminiToolMapper
{
    public static List<GeminiTool>? MapTools(List<ToolDefinition>? tools)
    {
        if (tools is not { Count: > 0 }) return null;
        var declarations = tools.Select(tool => tool.Type == "function" && tool.Function is { } f
            ? new GeminiFunctionDeclaration { Name = f.Name, Description = f.Description, ParametersJsonSchema = f.Parameters }
            : throw GeminiRequestError.Unsupported($"tools of type '{tool.Type}'.")).ToList();
        return [new GeminiTool { FunctionDeclarations = declarations }];
    }

    /// <summary>auto → AUTO, none → NONE, required → ANY, a named function → ANY limited to it.</summary>
    public static GeminiToolConfig? MapToolChoice(JsonElement? toolChoice)
    {
        if (toolChoice is not { } choice || choice.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => Config("AUTO"),
                "none" => Config("NONE"),
                "required" => Config("ANY"),
                var other => throw GeminiRequestError.Invalid($"unknown tool_choice '{other}'."),
            };
        }
        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            return Config("ANY", [name.GetString()!]);
        throw GeminiRequestError.Unsupported("this form of tool_choice.");
    }

    private static GeminiToolConfig Config(string mode, List<string>? names = null) =>
        new() { FunctionCallingConfig = new GeminiFunctionCallingConfig { Mode = mode, AllowedFunctionNames = names } };
}
