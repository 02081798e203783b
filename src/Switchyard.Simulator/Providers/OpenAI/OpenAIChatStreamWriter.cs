using System.Text.Json;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary>
/// Streams <c>chat.completion.chunk</c>s as the live API does (openai fixtures chat-stream.sse and
/// chat-stream-tool-calls.sse): a role chunk, one chunk per token, a finish chunk, then with
/// <c>stream_options.include_usage</c> a usage chunk with <c>choices: []</c> (every other chunk
/// then carries <c>"usage": null</c>), then <c>data: [DONE]</c>.
/// </summary>
internal sealed class OpenAIChatStreamWriter(ChatCompletionIds ids, string model, SimulatedAnswer answer, int promptTokens, bool includeUsage)
{
    private const string Fingerprint = "fp_simulator";

    public async Task WriteAsync(SseSink sink)
    {
        await sink.BeginAsync(FrameKind.Control);
        StartChunk(sink.Json);
        WriteRoleDelta(sink.Json);
        EndChunk(sink.Json, null);
        await sink.EndAsync();

        if (answer.ToolCall is { } call)
        {
            foreach (var piece in call.ArgumentTokens)
            {
                await sink.BeginAsync(FrameKind.Content);
                StartChunk(sink.Json);
                WriteArgumentsDelta(sink.Json, piece);
                EndChunk(sink.Json, null);
                await sink.EndAsync();
            }
        }
        else
        {
            foreach (var piece in answer.TextTokens)
            {
                await sink.BeginAsync(FrameKind.Content);
                StartChunk(sink.Json);
                sink.Json.WriteStartObject("delta");
                sink.Json.WriteString("content", piece);
                sink.Json.WriteEndObject();
                EndChunk(sink.Json, null);
                await sink.EndAsync();
            }
        }

        await sink.BeginAsync(FrameKind.Closing);
        StartChunk(sink.Json);
        sink.Json.WriteStartObject("delta");
        sink.Json.WriteEndObject();
        EndChunk(sink.Json, OpenAIUsage.FinishReason(answer.Finish));
        await sink.EndAsync();

        if (includeUsage)
        {
            await sink.BeginAsync(FrameKind.Closing);
            WriteUsageChunk(sink.Json);
            await sink.EndAsync();
        }
        await sink.WriteRawAsync(FrameKind.Closing, "[DONE]");
    }

    private void StartChunk(Utf8JsonWriter w)
    {
        WriteHeader(w);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
    }

    private void WriteHeader(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", ids.CompletionId);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", ids.Created);
        w.WriteString("model", model);
        w.WriteString("system_fingerprint", Fingerprint);
    }

    private void EndChunk(Utf8JsonWriter w, string? finishReason)
    {
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        if (includeUsage) w.WriteNull("usage");
        w.WriteEndObject();
    }

    private void WriteRoleDelta(Utf8JsonWriter w)
    {
        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        if (answer.ToolCall is { } call)
        {
            w.WriteNull("content");
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteString("id", ids.ToolCallId);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WriteString("arguments", "");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", "");
        }
        w.WriteNull("refusal");
        w.WriteEndObject();
    }

    private static void WriteArgumentsDelta(Utf8JsonWriter w, string piece)
    {
        w.WriteStartObject("delta");
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("function");
        w.WriteString("arguments", piece);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteUsageChunk(Utf8JsonWriter w)
    {
        WriteHeader(w);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        OpenAIUsage.Write(w, promptTokens, answer.CompletionTokens);
        w.WriteEndObject();
    }
}
