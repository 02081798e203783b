namespace Switchyard.Providers.Anthropic;

/// <summary>Anthropic's stop_reason → OpenAI's finish_reason.</summary>
internal static class AnthropicStopReason
{
    public static string ToFinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        // end_turn, stop_sequence, and pause_turn (a server tool paused a long turn; the text so far is whole)
        _ => "stop",
    };
}
