using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// OpenAI messages to Gemini's systemInstruction and contents. Gemini has two roles, user and model:
/// tool results go back as user turns of functionResponse parts, and consecutive turns of the same
/// role are merged, as Gemini expects the answers to parallel calls together in one turn.
/// </summary>
internal static class GeminiContentsMapper
{
    public static (GeminiContent? SystemInstruction, List<GeminiContent> Contents) Map(IReadOnlyList<ChatMessage> messages)
    {
        var systemParts = new List<GeminiPart>();
        var contents = new List<GeminiContent>();
        var toolNames = ToolNamesById(messages);
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case "system" or "developer":
                    systemParts.Add(new GeminiPart { Text = message.Content?.AllText() ?? "" });
                    break;
                case "user":
                    Append(contents, "user", GeminiPartMapper.FromContent(message.Content));
                    break;
                case "assistant":
                    Append(contents, "model", AssistantParts(message));
                    break;
                case "tool":
                    Append(contents, "user", [ToolResultPart(message, toolNames)]);
                    break;
                default:
                    throw GeminiRequestError.Invalid($"messages with role '{message.Role}'.");
            }
        }
        // The official SDKs send the system instruction with role "user" (recorded in the fixtures); the API ignores it.
        var system = systemParts.Count == 0 ? null : new GeminiContent { Role = "user", Parts = systemParts };
        return (system, contents);
    }

    private static void Append(List<GeminiContent> contents, string role, List<GeminiPart> parts)
    {
        if (parts.Count == 0) return;
        if (contents.Count > 0 && contents[^1].Role == role) contents[^1].Parts.AddRange(parts);
        else contents.Add(new GeminiContent { Role = role, Parts = parts });
    }

    private static List<GeminiPart> AssistantParts(ChatMessage message)
    {
        // An assistant turn with only tool calls carries null or "" content: no empty text part for it.
        var parts = GeminiPartMapper.FromContent(message.Content).Where(p => p.Text is not "").ToList();
        foreach (var call in message.ToolCalls ?? [])
        {
            var (id, signature) = GeminiToolCallIds.Split(call.Id);
            var name = call.Function?.Name ?? throw GeminiRequestError.Invalid("an assistant tool call has no function name.");
            parts.Add(new GeminiPart
            {
                FunctionCall = new GeminiFunctionCall { Id = id, Name = name, Args = ArgumentsObject(call.Function.Arguments, name) },
                ThoughtSignature = signature,
            });
        }
        return parts;
    }

    private static JsonElement ArgumentsObject(string? arguments, string name)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return GeminiJson.EmptyObject;
        return GeminiJson.TryParse(arguments) is { ValueKind: JsonValueKind.Object } args
            ? args
            : throw GeminiRequestError.Invalid($"the arguments of tool call '{name}' are not a JSON object.");
    }

    private static GeminiPart ToolResultPart(ChatMessage message, Dictionary<string, string> toolNames)
    {
        var name = message.ToolCallId is { } callId && toolNames.TryGetValue(callId, out var found) ? found : message.Name;
        if (name is null)
            throw GeminiRequestError.Invalid($"tool message '{message.ToolCallId}' answers no tool call of an earlier assistant message.");
        var text = message.Content?.AllText() ?? "";
        // Gemini wants an object: a JSON-object result goes as is, anything else is wrapped.
        var response = GeminiJson.TryParse(text) is { ValueKind: JsonValueKind.Object } obj ? obj : GeminiJson.SingleProperty("content", text);
        var (id, _) = GeminiToolCallIds.Split(message.ToolCallId);
        return new GeminiPart { FunctionResponse = new GeminiFunctionResponse { Id = id, Name = name, Response = response } };
    }

    private static Dictionary<string, string> ToolNamesById(IReadOnlyList<ChatMessage> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in messages.Where(m => m.Role == "assistant").SelectMany(m => m.ToolCalls ?? []))
            if (call.Id is not null && call.Function?.Name is { } name) names[call.Id] = name;
        return names;
    }
}
