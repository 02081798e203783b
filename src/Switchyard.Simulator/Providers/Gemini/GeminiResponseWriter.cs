using System.Text.Json;
using Switchyard.Simulator.Conversation;

namespace Switchyard.Simulator.Providers.Gemini;

/// <summary>Writes a non-streaming GenerateContentResponse (generate-response.json, generate-response-function-call.json).</summary>
internal static class GeminiResponseWriter
{
    public static void Write(Utf8JsonWriter w, string responseId, string model, IReadOnlyList<SimulatedAnswer> answers, int promptTokens)
    {
        w.WriteStartObject();
        w.WriteStartArray("candidates");
        var candidateTokens = 0;
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            candidateTokens += answer.CompletionTokens;
            w.WriteStartObject();
            GeminiParts.WriteContent(w, answer.ToolCall is null ? answer.Text : null, answer.ToolCall);
            w.WriteString("finishReason", GeminiParts.FinishReason(answer.Finish));
            w.WriteNumber("index", i);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        GeminiParts.WriteUsage(w, promptTokens, candidateTokens);
        w.WriteString("modelVersion", model);
        w.WriteString("responseId", responseId);
        w.WriteEndObject();
    }
}
