using System.Text.Json;
using static Switchyard.Core.Chat.ChatJsonReading;

namespace Switchyard.Core.Chat;

/// <summary>
/// Reads a chat request body in one forward pass of a <see cref="Utf8JsonReader"/>: text messages (with
/// names, tool calls and tool results), the sampling and limit fields, tools, <c>tool_choice</c>, stream
/// options, <c>stop</c>, the gateway's own <c>switchyard</c> field, and unknown fields into <c>Extra</c>.
/// Every request is read once; the serializer's metadata-driven reading costs two to three times as much.
/// </summary>
/// <remarks>
/// The result is exactly what <c>JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatRequest)</c>
/// returns (<c>ChatRequestReaderTests</c> compares the two on recorded, varied and mutated requests).
/// Content given as parts, <c>metadata</c>, <c>response_format</c>, a value of an unexpected kind and
/// malformed JSON make <see cref="TryRead"/> return false: the caller deserializes the usual way, and a
/// client's mistake gets the usual 400 that names the field.
/// </remarks>
public static class ChatRequestReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, out ChatRequest? request)
    {
        request = null;
        var result = new ChatRequest();
        if (!ReadWhole(json, result, ReadRequest)) return false;
        request = result;
        return true;
    }

    private static bool ReadRequest(ref Utf8JsonReader reader, ChatRequest r)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("model"u8)) { if (!String(ref reader, out var v)) return false; r.Model = v; }
            else if (reader.ValueTextEquals("messages"u8)) { if (!ReadMessages(ref reader, out var v)) return false; r.Messages = v; }
            else if (reader.ValueTextEquals("temperature"u8)) { if (!Double(ref reader, out var v)) return false; r.Temperature = v; }
            else if (reader.ValueTextEquals("top_p"u8)) { if (!Double(ref reader, out var v)) return false; r.TopP = v; }
            else if (reader.ValueTextEquals("max_tokens"u8)) { if (!Int(ref reader, out var v)) return false; r.MaxTokens = v; }
            else if (reader.ValueTextEquals("max_completion_tokens"u8)) { if (!Int(ref reader, out var v)) return false; r.MaxCompletionTokens = v; }
            else if (reader.ValueTextEquals("stop"u8)) { if (!ReadStop(ref reader, out var v)) return false; r.Stop = v; }
            else if (reader.ValueTextEquals("seed"u8)) { if (!Long(ref reader, out var v)) return false; r.Seed = v; }
            else if (reader.ValueTextEquals("user"u8)) { if (!String(ref reader, out var v)) return false; r.User = v; }
            else if (reader.ValueTextEquals("metadata"u8)) { if (!Next(ref reader, JsonTokenType.Null)) return false; r.Metadata = null; }
            else if (reader.ValueTextEquals("tools"u8)) { if (!ReadTools(ref reader, out var v)) return false; r.Tools = v; }
            else if (reader.ValueTextEquals("tool_choice"u8)) { if (!Element(ref reader, out var v)) return false; r.ToolChoice = v; }
            else if (reader.ValueTextEquals("parallel_tool_calls"u8)) { if (!Bool(ref reader, out var v)) return false; r.ParallelToolCalls = v; }
            else if (reader.ValueTextEquals("response_format"u8)) { if (!Next(ref reader, JsonTokenType.Null)) return false; r.ResponseFormat = null; }
            else if (reader.ValueTextEquals("stream"u8)) { if (!Bool(ref reader, out var v)) return false; r.Stream = v; }
            else if (reader.ValueTextEquals("stream_options"u8)) { if (!ReadStreamOptions(ref reader, out var v)) return false; r.StreamOptions = v; }
            else if (reader.ValueTextEquals("n"u8)) { if (!Int(ref reader, out var v)) return false; r.N = v; }
            else if (reader.ValueTextEquals("switchyard"u8)) { if (!Element(ref reader, out var v)) return false; r.Switchyard = v; }
            else r.Extra = KeepUnknown(ref reader, r.Extra);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadMessages(ref Utf8JsonReader reader, out List<ChatMessage>? messages)
    {
        messages = null;
        if (!NullOr(ref reader, JsonTokenType.StartArray, out var isNull)) return false;
        if (isNull) return true;
        messages = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var message = new ChatMessage();
            if (!ReadMessage(ref reader, message)) return false;
            messages.Add(message);
        }
        return reader.TokenType == JsonTokenType.EndArray; // a null or a scalar among the messages: the serializer's case
    }

    /// <summary>As <see cref="StopSequencesConverter"/> reads it: one string, or an array of strings.</summary>
    private static bool ReadStop(ref Utf8JsonReader reader, out StopSequences? stop)
    {
        stop = null;
        if (!reader.Read()) return false;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                stop = new StopSequences { Values = [reader.GetString()!], WasSingle = true };
                return true;
            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType == JsonTokenType.String) values.Add(reader.GetString()!);
                stop = new StopSequences { Values = values };
                return reader.TokenType == JsonTokenType.EndArray;
            default:
                return false;
        }
    }

    private static bool ReadTools(ref Utf8JsonReader reader, out List<ToolDefinition>? tools)
    {
        tools = null;
        if (!NullOr(ref reader, JsonTokenType.StartArray, out var isNull)) return false;
        if (isNull) return true;
        tools = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var tool = new ToolDefinition();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8)) { if (!Word(ref reader, out var v)) return false; tool.Type = v!; }
                else if (reader.ValueTextEquals("function"u8)) { if (!ReadFunctionDefinition(ref reader, out var v)) return false; tool.Function = v; }
                else tool.Extra = KeepUnknown(ref reader, tool.Extra);
            }
            if (reader.TokenType != JsonTokenType.EndObject) return false;
            tools.Add(tool);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadFunctionDefinition(ref Utf8JsonReader reader, out FunctionDefinition? function)
    {
        function = null;
        if (!NullOr(ref reader, JsonTokenType.StartObject, out var isNull)) return false;
        if (isNull) return true;
        function = new FunctionDefinition();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) { if (!String(ref reader, out var v)) return false; function.Name = v!; }
            else if (reader.ValueTextEquals("description"u8)) { if (!String(ref reader, out var v)) return false; function.Description = v; }
            else if (reader.ValueTextEquals("parameters"u8)) { if (!Element(ref reader, out var v)) return false; function.Parameters = v; }
            else if (reader.ValueTextEquals("strict"u8)) { if (!Bool(ref reader, out var v)) return false; function.Strict = v; }
            else function.Extra = KeepUnknown(ref reader, function.Extra);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadStreamOptions(ref Utf8JsonReader reader, out StreamOptions? options)
    {
        options = null;
        if (!NullOr(ref reader, JsonTokenType.StartObject, out var isNull)) return false;
        if (isNull) return true;
        options = new StreamOptions();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("include_usage"u8)) { if (!Bool(ref reader, out var v)) return false; options.IncludeUsage = v; }
            else options.Extra = KeepUnknown(ref reader, options.Extra);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }
}
