using System.Text.Json;

namespace Switchyard.Core.Chat;

/// <summary>
/// Writes a chat request as <c>JsonSerializer.SerializeToUtf8Bytes(request, ChatJsonContext.Default.ChatRequest)</c>
/// writes it, byte for byte (<c>ChatRequestWriterTests</c> compares the two), for the request every
/// OpenAI-compatible upstream call sends.
/// </summary>
/// <remarks>
/// Why by hand: <see cref="ChatRequest"/> and <see cref="ChatMessage"/> keep unknown fields
/// (<c>[JsonExtensionData]</c>), and for such types the source generator emits no fast-path writer, so the
/// serializer walks its metadata for every property of every message (twice the time in the native build).
/// The rarer nested values (content parts, tools, tool calls, stop, metadata, response_format) still go
/// through the serializer's own contracts, so they cannot drift from it; stream_options, on every stream, is
/// written here.
/// </remarks>
public static class ChatRequestWriter
{
    public static byte[] ToUtf8Bytes(ChatRequest request)
    {
        using var json = ThreadJsonWriter.Rent();
        Write(json.Writer, request);
        return json.Written.ToArray();
    }

    /// <summary>The properties in declaration order, nulls left out, unknown fields last: the serializer's order.</summary>
    public static void Write(Utf8JsonWriter w, ChatRequest r)
    {
        var types = ChatJsonContext.Default;
        w.WriteStartObject();
        if (r.Model is not null) w.WriteString("model"u8, r.Model);
        if (r.Messages is not null)
        {
            w.WriteStartArray("messages"u8);
            foreach (var message in r.Messages)
            {
                if (message is null) w.WriteNullValue();
                else WriteMessage(w, message);
            }
            w.WriteEndArray();
        }
        if (r.Temperature is { } temperature) w.WriteNumber("temperature"u8, temperature);
        if (r.TopP is { } topP) w.WriteNumber("top_p"u8, topP);
        if (r.MaxTokens is { } maxTokens) w.WriteNumber("max_tokens"u8, maxTokens);
        if (r.MaxCompletionTokens is { } maxCompletionTokens) w.WriteNumber("max_completion_tokens"u8, maxCompletionTokens);
        if (r.Stop is not null) { w.WritePropertyName("stop"u8); JsonSerializer.Serialize(w, r.Stop, types.StopSequences); }
        if (r.Seed is { } seed) w.WriteNumber("seed"u8, seed);
        if (r.User is not null) w.WriteString("user"u8, r.User);
        if (r.Metadata is not null) { w.WritePropertyName("metadata"u8); JsonSerializer.Serialize(w, r.Metadata, types.DictionaryStringString); }
        if (r.Tools is not null) { w.WritePropertyName("tools"u8); JsonSerializer.Serialize(w, r.Tools, types.ListToolDefinition); }
        if (r.ToolChoice is { } toolChoice) { w.WritePropertyName("tool_choice"u8); toolChoice.WriteTo(w); }
        if (r.ParallelToolCalls is { } parallel) w.WriteBoolean("parallel_tool_calls"u8, parallel);
        if (r.ResponseFormat is not null) { w.WritePropertyName("response_format"u8); JsonSerializer.Serialize(w, r.ResponseFormat, types.ResponseFormat); }
        if (r.Stream is { } stream) w.WriteBoolean("stream"u8, stream);
        if (r.StreamOptions is { } options)
        {
            // Every stream carries it (the gateway asks for usage): by hand too, not one more serializer call.
            w.WriteStartObject("stream_options"u8);
            if (options.IncludeUsage is { } includeUsage) w.WriteBoolean("include_usage"u8, includeUsage);
            WriteExtra(w, options.Extra);
            w.WriteEndObject();
        }
        if (r.N is { } n) w.WriteNumber("n"u8, n);
        if (r.Switchyard is { } own) { w.WritePropertyName("switchyard"u8); own.WriteTo(w); }
        WriteExtra(w, r.Extra);
        w.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage m)
    {
        var types = ChatJsonContext.Default;
        w.WriteStartObject();
        if (m.Role is not null) w.WriteString("role"u8, m.Role);
        if (m.Content is { } content)
        {
            if (content.Parts is null) w.WriteString("content"u8, content.Text);
            else { w.WritePropertyName("content"u8); JsonSerializer.Serialize(w, content, types.MessageContent); }
        }
        if (m.Name is not null) w.WriteString("name"u8, m.Name);
        if (m.ToolCalls is not null) { w.WritePropertyName("tool_calls"u8); JsonSerializer.Serialize(w, m.ToolCalls, types.ListToolCall); }
        if (m.ToolCallId is not null) w.WriteString("tool_call_id"u8, m.ToolCallId);
        if (m.Refusal is not null) w.WriteString("refusal"u8, m.Refusal);
        WriteExtra(w, m.Extra);
        w.WriteEndObject();
    }

    private static void WriteExtra(Utf8JsonWriter w, Dictionary<string, JsonElement>? extra)
    {
        if (extra is null) return;
        foreach (var (name, value) in extra)
        {
            w.WritePropertyName(name);
            value.WriteTo(w);
        }
    }
}
