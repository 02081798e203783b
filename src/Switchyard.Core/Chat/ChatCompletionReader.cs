using System.Text.Json;

namespace Switchyard.Core.Chat;

/// <summary>
/// Reads a chat.completion body in one forward pass of a <see cref="Utf8JsonReader"/>, for the answer
/// every OpenAI-compatible upstream sends: text or tool calls, usage with its details, unknown fields
/// kept in <c>Extra</c>. The serializer's metadata-driven reader does the same work three to five times
/// slower (in the native build most of all, bench/RESULTS.md), on every request.
/// </summary>
/// <remarks>
/// The result is exactly what <c>JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatCompletion)</c>
/// returns: the same defaults, null handling, last-wins duplicates and skipped unknown fields where a type
/// keeps none (<c>ChatCompletionReaderTests</c> compares the two on recorded and mutated bodies). Whatever
/// this reader does not take on (array content, a non-null <c>logprobs</c>, a value of an unexpected kind,
/// malformed JSON) makes <see cref="TryRead"/> return false, and the caller deserializes the usual way,
/// which also gives malformed bodies their usual error.
/// </remarks>
public static class ChatCompletionReader
{
    /// <summary>Most answers carry <c>"annotations": []</c>: one shared element instead of a document each.</summary>
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]"u8.ToArray()).RootElement;

    public static bool TryRead(ReadOnlySpan<byte> json, out ChatCompletion? completion)
    {
        completion = null;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var result = new ChatCompletion();
            if (!ReadCompletion(ref reader, result)) return false;
            if (reader.Read()) return false; // something after the object: let the serializer report it
            completion = result;
            return true;
        }
        catch (JsonException)
        {
            return false; // malformed: the serializer gives the error its usual words
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return false; // a number that is no Int32 / Int64, or a string that is not valid UTF-8
        }
    }

    private static bool ReadCompletion(ref Utf8JsonReader reader, ChatCompletion c)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) { if (!String(ref reader, out var v)) return false; c.Id = v!; }
            else if (reader.ValueTextEquals("object"u8)) { if (!String(ref reader, out var v)) return false; c.Object = v!; }
            else if (reader.ValueTextEquals("created"u8)) { if (!Next(ref reader, JsonTokenType.Number)) return false; c.Created = reader.GetInt64(); }
            else if (reader.ValueTextEquals("model"u8)) { if (!String(ref reader, out var v)) return false; c.Model = v!; }
            else if (reader.ValueTextEquals("choices"u8)) { if (!ReadChoices(ref reader, c.Choices = [])) return false; }
            else if (reader.ValueTextEquals("usage"u8)) { if (!ReadUsage(ref reader, out var usage)) return false; c.Usage = usage; }
            else if (reader.ValueTextEquals("system_fingerprint"u8)) { if (!String(ref reader, out var v)) return false; c.SystemFingerprint = v; }
            else if (reader.ValueTextEquals("service_tier"u8)) { if (!String(ref reader, out var v)) return false; c.ServiceTier = v; }
            else c.Extra = KeepUnknown(ref reader, c.Extra);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadChoices(ref Utf8JsonReader reader, List<ChatChoice> choices)
    {
        if (!Next(ref reader, JsonTokenType.StartArray)) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var choice = new ChatChoice();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("index"u8)) { if (!Next(ref reader, JsonTokenType.Number)) return false; choice.Index = reader.GetInt32(); }
                else if (reader.ValueTextEquals("message"u8))
                {
                    if (!Next(ref reader, JsonTokenType.StartObject) || !ReadMessage(ref reader, choice.Message = new ChatMessage())) return false;
                }
                else if (reader.ValueTextEquals("logprobs"u8)) { if (!Next(ref reader, JsonTokenType.Null)) return false; choice.Logprobs = null; }
                else if (reader.ValueTextEquals("finish_reason"u8)) { if (!String(ref reader, out var v)) return false; choice.FinishReason = v; }
                else SkipValue(ref reader); // ChatChoice keeps no unknown fields
            }
            choices.Add(choice);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadMessage(ref Utf8JsonReader reader, ChatMessage m)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8)) { if (!String(ref reader, out var v)) return false; m.Role = v!; }
            else if (reader.ValueTextEquals("content"u8))
            {
                if (!String(ref reader, out var v)) return false; // parts arrays go the serializer's way
                m.Content = v is null ? null : MessageContent.FromText(v);
            }
            else if (reader.ValueTextEquals("refusal"u8)) { if (!String(ref reader, out var v)) return false; m.Refusal = v; }
            else if (reader.ValueTextEquals("name"u8)) { if (!String(ref reader, out var v)) return false; m.Name = v; }
            else if (reader.ValueTextEquals("tool_call_id"u8)) { if (!String(ref reader, out var v)) return false; m.ToolCallId = v; }
            else if (reader.ValueTextEquals("tool_calls"u8)) { if (!ReadToolCalls(ref reader, out var calls)) return false; m.ToolCalls = calls; }
            else m.Extra = KeepUnknown(ref reader, m.Extra);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadToolCalls(ref Utf8JsonReader reader, out List<ToolCall>? calls)
    {
        calls = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        calls = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var call = new ToolCall();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("index"u8)) { if (!Int(ref reader, out var v)) return false; call.Index = v; }
                else if (reader.ValueTextEquals("id"u8)) { if (!String(ref reader, out var v)) return false; call.Id = v; }
                else if (reader.ValueTextEquals("type"u8)) { if (!String(ref reader, out var v)) return false; call.Type = v; }
                else if (reader.ValueTextEquals("function"u8)) { if (!ReadFunction(ref reader, out var f)) return false; call.Function = f; }
                else SkipValue(ref reader); // ToolCall keeps no unknown fields
            }
            calls.Add(call);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadFunction(ref Utf8JsonReader reader, out FunctionCall? function)
    {
        function = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        function = new FunctionCall();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) { if (!String(ref reader, out var v)) return false; function.Name = v; }
            else if (reader.ValueTextEquals("arguments"u8)) { if (!String(ref reader, out var v)) return false; function.Arguments = v; }
            else SkipValue(ref reader);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadUsage(ref Utf8JsonReader reader, out Usage? usage)
    {
        usage = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var u = new Usage();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8)) { if (!Next(ref reader, JsonTokenType.Number)) return false; u.PromptTokens = reader.GetInt32(); }
            else if (reader.ValueTextEquals("completion_tokens"u8)) { if (!Next(ref reader, JsonTokenType.Number)) return false; u.CompletionTokens = reader.GetInt32(); }
            else if (reader.ValueTextEquals("total_tokens"u8)) { if (!Next(ref reader, JsonTokenType.Number)) return false; u.TotalTokens = reader.GetInt32(); }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8)) { if (!ReadPromptDetails(ref reader, out var d)) return false; u.PromptTokensDetails = d; }
            else if (reader.ValueTextEquals("completion_tokens_details"u8)) { if (!ReadCompletionDetails(ref reader, out var d)) return false; u.CompletionTokensDetails = d; }
            else u.Extra = KeepUnknown(ref reader, u.Extra);
        }
        usage = u;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadPromptDetails(ref Utf8JsonReader reader, out PromptTokensDetails? details)
    {
        details = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        details = new PromptTokensDetails();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("cached_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.CachedTokens = v; }
            else if (reader.ValueTextEquals("cache_write_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.CacheWriteTokens = v; }
            else if (reader.ValueTextEquals("audio_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.AudioTokens = v; }
            else SkipValue(ref reader);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadCompletionDetails(ref Utf8JsonReader reader, out CompletionTokensDetails? details)
    {
        details = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        details = new CompletionTokensDetails();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("reasoning_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.ReasoningTokens = v; }
            else if (reader.ValueTextEquals("audio_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.AudioTokens = v; }
            else if (reader.ValueTextEquals("accepted_prediction_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.AcceptedPredictionTokens = v; }
            else if (reader.ValueTextEquals("rejected_prediction_tokens"u8)) { if (!Int(ref reader, out var v)) return false; details.RejectedPredictionTokens = v; }
            else SkipValue(ref reader);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static bool Next(ref Utf8JsonReader reader, JsonTokenType expected) => reader.Read() && reader.TokenType == expected;

    /// <summary>A string or null, as the serializer reads a string property (it keeps null even where the type says non-null).</summary>
    private static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String) return false;
        value = reader.GetString();
        return true;
    }

    private static bool Int(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number) return false;
        value = reader.GetInt32(); // a fraction or an overflow throws FormatException: not ours to read
        return true;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>An unknown field of a type that keeps them: into Extra, as the serializer's extension data does.</summary>
    private static Dictionary<string, JsonElement> KeepUnknown(ref Utf8JsonReader reader, Dictionary<string, JsonElement>? extra)
    {
        var name = reader.GetString()!;
        reader.Read();
        extra ??= [];
        if (reader.TokenType == JsonTokenType.StartArray && IsEmptyArray(reader))
        {
            reader.Read(); // onto the EndArray
            extra[name] = EmptyArray;
        }
        else
            extra[name] = JsonElement.ParseValue(ref reader);
        return extra;
    }

    private static bool IsEmptyArray(Utf8JsonReader copy) => copy.Read() && copy.TokenType == JsonTokenType.EndArray;
}
