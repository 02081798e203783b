using System.Text.Json;
using Switchyard.Simulator.Conversation;

namespace Switchyard.Simulator.Providers.Anthropic;

/// <summary>Usage objects and stop reasons as the Messages API writes them (the simulator never caches).</summary>
internal static class AnthropicUsage
{
    public static void WriteFull(Utf8JsonWriter w, int inputTokens, int outputTokens, bool inStream)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", inputTokens);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_5m_input_tokens", 0);
        w.WriteNumber("ephemeral_1h_input_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteString("service_tier", "standard");
        if (inStream) w.WriteString("inference_geo", "not_available"); // present in the live message_start
        w.WriteEndObject();
    }

    /// <summary>The message_delta usage: cumulative output tokens, with the input figures repeated.</summary>
    public static void WriteDelta(Utf8JsonWriter w, int inputTokens, int outputTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", inputTokens);
        w.WriteNumber("cache_creation_input_tokens", 0);
        w.WriteNumber("cache_read_input_tokens", 0);
        w.WriteNumber("output_tokens", outputTokens);
        w.WriteEndObject();
    }

    public static string StopReason(FinishKind finish) => finish switch
    {
        FinishKind.Length => "max_tokens",
        FinishKind.StopSequence => "stop_sequence",
        FinishKind.ToolCall => "tool_use",
        _ => "end_turn",
    };
}
