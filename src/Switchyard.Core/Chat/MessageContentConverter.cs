using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>Reads and writes content as either a JSON string or an array of parts.</summary>
public sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new MessageContent { Text = reader.GetString() };
            case JsonTokenType.StartArray:
                var parts = new List<ContentPart>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var part = JsonSerializer.Deserialize(ref reader, ChatJsonContext.Default.ContentPart)
                        ?? throw new JsonException("A content part must be an object.");
                    parts.Add(part);
                }
                return new MessageContent { Parts = parts };
            default:
                throw new JsonException("'content' must be a string, an array of content parts, or null.");
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }
        writer.WriteStartArray();
        foreach (var part in value.Parts)
            JsonSerializer.Serialize(writer, part, ChatJsonContext.Default.ContentPart);
        writer.WriteEndArray();
    }
}

/// <summary>Reads "stop" as a string or an array of strings.</summary>
[JsonConverter(typeof(StopSequencesConverter))]
public sealed class StopSequences
{
    public IReadOnlyList<string> Values { get; init; } = [];
    /// <summary>True when the client sent a single string (written back the same way).</summary>
    public bool WasSingle { get; init; }
}

public sealed class StopSequencesConverter : JsonConverter<StopSequences>
{
    public override StopSequences? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String)
            return new StopSequences { Values = [reader.GetString()!], WasSingle = true };
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("'stop' must be a string or an array of strings.");
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("'stop' must be a string or an array of strings.");
            values.Add(reader.GetString()!);
        }
        return new StopSequences { Values = values };
    }

    public override void Write(Utf8JsonWriter writer, StopSequences value, JsonSerializerOptions options)
    {
        if (value.WasSingle && value.Values.Count == 1) { writer.WriteStringValue(value.Values[0]); return; }
        writer.WriteStartArray();
        foreach (var v in value.Values) writer.WriteStringValue(v);
        writer.WriteEndArray();
    }
}
