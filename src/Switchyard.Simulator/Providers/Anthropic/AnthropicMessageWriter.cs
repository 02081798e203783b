using System.Text.Json;
using Switchyard.Simulator.Conversation;

namespace Switchyard.Simulator.Providers.Anthropic;

/// <summary>Writes a non-streaming Message (messages-response.json / messages-response-tool-use.json).</summary>
internal static class AnthropicMessageWriter
{
    public static void Write(Utf8JsonWriter w, MessageIds ids, string model, SimulatedAnswer answer, int inputTokens)
    {
        w.WriteStartObject();
        w.WriteString("model", model);
        w.WriteString("id", ids.MessageId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (answer.ToolCall is null || answer.Text.Length > 0)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", answer.Text);
            w.WriteEndObject();
        }
        if (answer.ToolCall is { } call)
        {
            w.WriteStartObject();
            w.WriteString("type", "tool_use");
            w.WriteString("id", ids.ToolUseId);
            w.WriteString("name", call.Name);
            w.WritePropertyName("input");
            w.WriteRawValue(call.ArgumentsJson, skipInputValidation: true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("stop_reason", AnthropicUsage.StopReason(answer.Finish));
        w.WriteString("stop_sequence", answer.MatchedStopSequence);
        AnthropicUsage.WriteFull(w, inputTokens, answer.CompletionTokens, inStream: false);
        w.WriteEndObject();
    }
}

internal readonly record struct MessageIds(string MessageId, string ToolUseId);
