using System.Text.Json;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary>The <c>usage</c> object, with the detail objects the live API sends (cache and reasoning are always 0 here).</summary>
internal static class OpenAIUsage
{
    public static void Write(Utf8JsonWriter w, int promptTokens, int completionTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string FinishReason(Conversation.FinishKind finish) => finish switch
    {
        Conversation.FinishKind.Length => "length",
        Conversation.FinishKind.ToolCall => "tool_calls",
        _ => "stop",
    };
}
