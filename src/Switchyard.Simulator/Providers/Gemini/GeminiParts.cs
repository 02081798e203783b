using System.Text.Json;
using Switchyard.Simulator.Conversation;

namespace Switchyard.Simulator.Providers.Gemini;

/// <summary>Pieces shared by the Gemini response and stream writers.</summary>
internal static class GeminiParts
{
    public static void WriteContent(Utf8JsonWriter w, string? text, SimulatedToolCall? call)
    {
        w.WriteStartObject("content");
        w.WriteStartArray("parts");
        if (text is not null)
        {
            w.WriteStartObject();
            w.WriteString("text", text);
            w.WriteEndObject();
        }
        if (call is not null)
        {
            w.WriteStartObject();
            w.WriteStartObject("functionCall");
            w.WriteString("name", call.Name);
            w.WritePropertyName("args");
            w.WriteRawValue(call.ArgumentsJson, skipInputValidation: true);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("role", "model");
        w.WriteEndObject();
    }

    /// <summary>usageMetadata; <paramref name="candidatesTokens"/> null for the partial figures of a mid-stream chunk.</summary>
    public static void WriteUsage(Utf8JsonWriter w, int promptTokens, int? candidatesTokens)
    {
        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", promptTokens);
        if (candidatesTokens is { } candidates) w.WriteNumber("candidatesTokenCount", candidates);
        w.WriteNumber("totalTokenCount", promptTokens + (candidatesTokens ?? 0));
        WriteDetails(w, "promptTokensDetails", promptTokens);
        if (candidatesTokens is { } c) WriteDetails(w, "candidatesTokensDetails", c);
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, string name, int tokens)
    {
        w.WriteStartArray(name);
        w.WriteStartObject();
        w.WriteString("modality", "TEXT");
        w.WriteNumber("tokenCount", tokens);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    public static string FinishReason(FinishKind finish) => finish == FinishKind.Length ? "MAX_TOKENS" : "STOP";
}
