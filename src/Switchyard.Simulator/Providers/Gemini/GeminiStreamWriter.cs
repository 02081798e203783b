using System.Text.Json;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;

namespace Switchyard.Simulator.Providers.Gemini;

/// <summary>
/// Streams GenerateContentResponse chunks (stream-alt-sse.sse): one chunk per token with the
/// prompt-only usage, the last one carrying finishReason and the full usageMetadata. A function
/// call arrives whole in one final chunk, as Gemini sends it. Only the first candidate streams.
/// </summary>
internal sealed class GeminiStreamWriter(string responseId, string model, SimulatedAnswer answer, int promptTokens)
{
    public async Task WriteAsync(SseSink sink)
    {
        if (answer.ToolCall is { } call)
        {
            await WriteChunkAsync(sink, FrameKind.Closing, null, call, final: true);
            return;
        }
        var tokens = answer.TextTokens;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            await WriteChunkAsync(sink, FrameKind.Content, tokens[i], null, final: false);
        }
        await WriteChunkAsync(sink, FrameKind.Closing, tokens.Length > 0 ? tokens[^1] : "", null, final: true);
    }

    private async ValueTask WriteChunkAsync(SseSink sink, FrameKind kind, string? text, SimulatedToolCall? call, bool final)
    {
        await sink.BeginAsync(kind, carriesToken: text is { Length: > 0 });
        var w = sink.Json;
        w.WriteStartObject();
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        GeminiParts.WriteContent(w, text, call);
        if (final) w.WriteString("finishReason", GeminiParts.FinishReason(answer.Finish));
        w.WriteEndObject();
        w.WriteEndArray();
        GeminiParts.WriteUsage(w, promptTokens, final ? answer.CompletionTokens : null);
        w.WriteString("modelVersion", model);
        w.WriteString("responseId", responseId);
        w.WriteEndObject();
        await sink.EndAsync();
    }
}
