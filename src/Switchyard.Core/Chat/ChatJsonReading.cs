using System.Text.Json;

namespace Switchyard.Core.Chat;

/// <summary>
/// The pieces <see cref="ChatCompletionReader"/> and <see cref="ChatRequestReader"/> share: each reads
/// a value the way the serializer's converters read it (null where they keep null, the last of duplicate
/// fields, unknown fields into Extra where the type has one, skipped where it has none), and returns
/// false for whatever it does not take on, so that the caller can hand the body to the serializer.
/// </summary>
internal static class ChatJsonReading
{
    /// <summary>Most answers carry <c>"annotations": []</c>: one shared element instead of a document each.</summary>
    private static readonly JsonElement EmptyArray = JsonDocument.Parse("[]"u8.ToArray()).RootElement;

    public delegate bool ObjectReader<in T>(ref Utf8JsonReader reader, T target);

    /// <summary>One JSON object, the whole body, read into <paramref name="target"/>; false to leave it to the serializer.</summary>
    public static bool ReadWhole<T>(ReadOnlySpan<byte> json, T target, ObjectReader<T> read)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            if (!read(ref reader, target)) return false;
            return !reader.Read(); // something after the object: let the serializer report it
        }
        catch (JsonException)
        {
            return false; // malformed: the serializer gives the error its usual words
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return false; // a number out of its type's range, or a string that is not valid UTF-8
        }
    }

    public static bool ReadMessage(ref Utf8JsonReader reader, ChatMessage m)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8)) { if (!Word(ref reader, out var v)) return false; m.Role = v!; }
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
        if (!NullOr(ref reader, JsonTokenType.StartArray, out var isNull)) return false;
        if (isNull) return true;
        calls = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var call = new ToolCall();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("index"u8)) { if (!Int(ref reader, out var v)) return false; call.Index = v; }
                else if (reader.ValueTextEquals("id"u8)) { if (!String(ref reader, out var v)) return false; call.Id = v; }
                else if (reader.ValueTextEquals("type"u8)) { if (!Word(ref reader, out var v)) return false; call.Type = v; }
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
        if (!NullOr(ref reader, JsonTokenType.StartObject, out var isNull)) return false;
        if (isNull) return true;
        function = new FunctionCall();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8)) { if (!String(ref reader, out var v)) return false; function.Name = v; }
            else if (reader.ValueTextEquals("arguments"u8)) { if (!String(ref reader, out var v)) return false; function.Arguments = v; }
            else SkipValue(ref reader);
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>
    /// Moves onto the next value, which may be null (<paramref name="isNull"/>) or must start with
    /// <paramref name="expected"/>; false for any other kind, which the serializer is left to read or refuse.
    /// </summary>
    public static bool NullOr(ref Utf8JsonReader reader, JsonTokenType expected, out bool isNull)
    {
        isNull = false;
        if (!reader.Read()) return false;
        isNull = reader.TokenType == JsonTokenType.Null;
        return isNull || reader.TokenType == expected;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    public static bool Next(ref Utf8JsonReader reader, JsonTokenType expected) => reader.Read() && reader.TokenType == expected;

    /// <summary>A string or null, as the serializer reads a string property (it keeps null even where the type says non-null).</summary>
    public static bool String(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!NullOr(ref reader, JsonTokenType.String, out var isNull)) return false;
        if (isNull) return true;
        value = reader.GetString();
        return true;
    }

    /// <summary>
    /// <see cref="String"/> for the fields that hold one of a few words (role, finish_reason, object, type,
    /// service_tier): a known word comes back as the same string instance each time, not a new copy per request.
    /// </summary>
    public static bool Word(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!NullOr(ref reader, JsonTokenType.String, out var isNull)) return false;
        if (isNull) return true;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            foreach (var word in Words)
                if (reader.ValueSpan.SequenceEqual(word.Utf8)) { value = word.Text; return true; }
        value = reader.GetString();
        return true;
    }

    private static readonly (byte[] Utf8, string Text)[] Words =
        [.. new[] { "assistant", "user", "system", "tool", "developer", "stop", "length", "tool_calls", "content_filter",
            "chat.completion", "default", "function" }.Select(w => (System.Text.Encoding.UTF8.GetBytes(w), w))];

    public static bool Int(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        if (!NullOr(ref reader, JsonTokenType.Number, out var isNull)) return false;
        if (isNull) return true;
        value = reader.GetInt32(); // a fraction or an overflow throws FormatException: not ours to read
        return true;
    }

    public static bool Long(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (!NullOr(ref reader, JsonTokenType.Number, out var isNull)) return false;
        if (isNull) return true;
        value = reader.GetInt64();
        return true;
    }

    public static bool Double(ref Utf8JsonReader reader, out double? value)
    {
        value = null;
        if (!NullOr(ref reader, JsonTokenType.Number, out var isNull)) return false;
        if (isNull) return true;
        value = reader.GetDouble();
        return true;
    }

    public static bool Bool(ref Utf8JsonReader reader, out bool? value)
    {
        value = null;
        if (!reader.Read()) return false;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return true;
            case JsonTokenType.True: value = true; return true;
            case JsonTokenType.False: value = false; return true;
            default: return false;
        }
    }

    /// <summary>A <c>JsonElement?</c> field: null for JSON null, as the serializer gives it, else the value itself.</summary>
    public static bool Element(ref Utf8JsonReader reader, out JsonElement? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType != JsonTokenType.Null) value = JsonElement.ParseValue(ref reader);
        return true;
    }

    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>An unknown field of a type that keeps them: into Extra, as the serializer's extension data does.</summary>
    public static Dictionary<string, JsonElement> KeepUnknown(ref Utf8JsonReader reader, Dictionary<string, JsonElement>? extra)
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
