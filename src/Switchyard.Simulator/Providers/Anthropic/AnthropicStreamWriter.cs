using System.Text.Json;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;

namespace Switchyard.Simulator.Providers.Anthropic;

/// <summary>
/// Streams a Message as named events (messages-stream.sse, messages-stream-tool-use.sse):
/// message_start, then per content block content_block_start / content_block_delta… /
/// content_block_stop (a ping after the first block start), message_delta with the stop reason
/// and cumulative output tokens, message_stop.
/// </summary>
internal sealed class AnthropicStreamWriter(MessageIds ids, string model, SimulatedAnswer answer, int inputTokens)
{
    // The live API reports one output token in message_start; the final count is in message_delta.
    private const int InitialOutputTokens = 1;

    public async Task WriteAsync(SseSink sink)
    {
        await sink.BeginAsync(FrameKind.Control, "message_start");
        WriteMessageStart(sink.Json);
        await sink.EndAsync();

        var index = 0;
        if (answer.ToolCall is null || answer.Text.Length > 0)
        {
            await WriteBlockStartAsync(sink, index, w =>
            {
                w.WriteString("type", "text");
                w.WriteString("text", "");
            });
            await WritePingAsync(sink);
            foreach (var piece in answer.TextTokens)
            {
                await WriteDeltaAsync(sink, FrameKind.Content, index, "text_delta", "text", piece);
            }
            await WriteBlockStopAsync(sink, index++);
        }
        if (answer.ToolCall is { } call)
        {
            await WriteBlockStartAsync(sink, index, w =>
            {
                w.WriteString("type", "tool_use");
                w.WriteString("id", ids.ToolUseId);
                w.WriteString("name", call.Name);
                w.WriteStartObject("caller");
                w.WriteString("type", "direct");
                w.WriteEndObject();
                w.WriteStartObject("input");
                w.WriteEndObject();
            });
            if (index == 0) await WritePingAsync(sink);
            await WriteDeltaAsync(sink, FrameKind.Control, index, "input_json_delta", "partial_json", "");
            foreach (var piece in call.ArgumentTokens)
            {
                await WriteDeltaAsync(sink, FrameKind.Content, index, "input_json_delta", "partial_json", piece);
            }
            await WriteBlockStopAsync(sink, index);
        }

        await sink.BeginAsync(FrameKind.Closing, "message_delta");
        sink.Json.WriteStartObject();
        sink.Json.WriteString("type", "message_delta");
        sink.Json.WriteStartObject("delta");
        sink.Json.WriteString("stop_reason", AnthropicUsage.StopReason(answer.Finish));
        sink.Json.WriteString("stop_sequence", answer.MatchedStopSequence);
        sink.Json.WriteEndObject();
        AnthropicUsage.WriteDelta(sink.Json, inputTokens, answer.CompletionTokens);
        sink.Json.WriteEndObject();
        await sink.EndAsync();

        await sink.BeginAsync(FrameKind.Closing, "message_stop");
        sink.Json.WriteStartObject();
        sink.Json.WriteString("type", "message_stop");
        sink.Json.WriteEndObject();
        await sink.EndAsync();
    }

    private void WriteMessageStart(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", "message_start");
        w.WriteStartObject("message");
        w.WriteString("model", model);
        w.WriteString("id", ids.MessageId);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        w.WriteEndArray();
        w.WriteNull("stop_reason");
        w.WriteNull("stop_sequence");
        AnthropicUsage.WriteFull(w, inputTokens, InitialOutputTokens, inStream: true);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static async ValueTask WriteBlockStartAsync(SseSink sink, int index, Action<Utf8JsonWriter> writeBlock)
    {
        await sink.BeginAsync(FrameKind.Control, "content_block_start");
        sink.Json.WriteStartObject();
        sink.Json.WriteString("type", "content_block_start");
        sink.Json.WriteNumber("index", index);
        sink.Json.WriteStartObject("content_block");
        writeBlock(sink.Json);
        sink.Json.WriteEndObject();
        sink.Json.WriteEndObject();
        await sink.EndAsync();
    }

    private static async ValueTask WritePingAsync(SseSink sink)
    {
        await sink.BeginAsync(FrameKind.Control, "ping");
        sink.Json.WriteStartObject();
        sink.Json.WriteString("type", "ping");
        sink.Json.WriteEndObject();
        await sink.EndAsync();
    }

    private static async ValueTask WriteDeltaAsync(SseSink sink, FrameKind kind, int index, string deltaType, string field, string piece)
    {
        await sink.BeginAsync(kind, "content_block_delta");
        sink.Json.WriteStartObject();
        sink.Json.WriteString("type", "content_block_delta");
        sink.Json.WriteNumber("index", index);
        sink.Json.WriteStartObject("delta");
        sink.Json.WriteString("type", deltaType);
        sink.Json.WriteString(field, piece);
        sink.Json.WriteEndObject();
        sink.Json.WriteEndObject();
        await sink.EndAsync();
    }

    private static async ValueTask WriteBlockStopAsync(SseSink sink, int index)
    {
        await sink.BeginAsync(FrameKind.Control, "content_block_stop");
        sink.Json.WriteStartObject();
        sink.Json.WriteString("type", "content_block_stop");
        sink.Json.WriteNumber("index", index);
        sink.Json.WriteEndObject();
        await sink.EndAsync();
    }
}
