namespace Switchyard.Providers.Gemini;

/// <summary>Gemini's finishReason to OpenAI's finish_reason.</summary>
internal static class GeminiFinishReasons
{
    public static string ToOpenAI(string finishReason, bool hasToolCalls) => finishReason switch
    {
        // Gemini says STOP after a function call; OpenAI clients look for tool_calls to run them.
        "STOP" => hasToolCalls ? "tool_calls" : "stop",
        "MAX_TOKENS" => "length",
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => "content_filter",
        _ => hasToolCalls ? "tool_calls" : "stop",
    };
}
