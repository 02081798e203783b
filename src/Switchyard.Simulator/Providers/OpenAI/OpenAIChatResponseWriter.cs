using System.Text.Json;
using Switchyard.Simulator.Conversation;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary>Writes a non-streaming <c>chat.completion</c> object, shaped like the API reference example.</summary>
internal static class OpenAIChatResponseWriter
{
    /// <param name="promptTokens">Null: write no usage (the no_usage directive).</param>
    public static void Write(Utf8JsonWriter w, ChatCompletionIds ids, string model, SimulatedAnswer answer, int? promptTokens)
    {
        w.WriteStartObject();
        w.WriteString("id", ids.CompletionId);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", ids.Created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (answer.ToolCall is null) w.WriteString("content", answer.Text);
        else w.WriteNull("content");
        w.WriteNull("refusal");
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        if (answer.ToolCall is { } call)
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteString("id", ids.ToolCallId);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WriteString("arguments", call.ArgumentsJson);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", OpenAIUsage.FinishReason(answer.Finish));
        w.WriteEndObject();
        w.WriteEndArray();
        if (promptTokens is { } prompt) OpenAIUsage.Write(w, prompt, answer.CompletionTokens);
        w.WriteString("service_tier", "default");
        w.WriteEndObject();
    }
}

/// <summary>Ids and timestamp of one completion, shared by its chunks.</summary>
internal readonly record struct ChatCompletionIds(string CompletionId, string ToolCallId, long Created);
