using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Providers.Streaming;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The fast path for an OpenAI stream's common chunk: one choice whose delta holds only role,
/// content and refusal, no logprobs, no usage, nothing else. It fills one reused chunk and reuses
/// the strings that repeat chunk after chunk (id, object, model, system_fingerprint, service_tier,
/// role, finish_reason) when their bytes match the last chunk's, so a text delta allocates only its
/// text (and OpenAI's obfuscation padding, when the client left it on). Any other shape (tool calls, usage, errors, fields it does not know, which the full parse
/// keeps in Extra) returns false, and the caller parses the event in full.
/// </summary>
internal sealed class OpenAITextChunkReader
{
    private readonly ReusableChunk _reused = new();
    // The last strings read: the next chunk most likely repeats them.
    private string _id = "", _object = "chat.completion.chunk", _model = "";
    private string? _fingerprint, _tier, _role, _finish;

    /// <returns>True with the reused chunk filled; false when the event is not of this shape (nothing is lost: parse it in full).</returns>
    public bool TryRead(ReadOnlySpan<byte> data, out ChatCompletionChunk chunk)
    {
        chunk = _reused.Reset();
        try
        {
            var reader = new Utf8JsonReader(data);
            return ReadChunk(ref reader) && !reader.Read(); // nothing may follow the object (the full parse rejects it)
        }
        catch (JsonException)
        {
            return false; // the full parse reports it
        }
    }

    private bool ReadChunk(ref Utf8JsonReader reader)
    {
        var chunk = _reused.Chunk;
        var sawChoice = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { if (!ReadString(ref reader, ref _id)) return false; chunk.Id = _id; }
            else if (reader.ValueTextEquals("object"u8)) { if (!ReadString(ref reader, ref _object)) return false; chunk.Object = _object; }
            else if (reader.ValueTextEquals("created"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var created)) return false;
                chunk.Created = created;
            }
            else if (reader.ValueTextEquals("model"u8)) { if (!ReadString(ref reader, ref _model)) return false; chunk.Model = _model; }
            else if (reader.ValueTextEquals("system_fingerprint"u8)) { if (!ReadNullable(ref reader, ref _fingerprint, out var value)) return false; chunk.SystemFingerprint = value; }
            else if (reader.ValueTextEquals("service_tier"u8)) { if (!ReadNullable(ref reader, ref _tier, out var value)) return false; chunk.ServiceTier = value; }
            else if (reader.ValueTextEquals("usage"u8)) { if (!ReadNull(ref reader)) return false; }
            else if (reader.ValueTextEquals("obfuscation"u8))
            {
                // Random padding, different in every chunk: a string of its own, like the text.
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.String) chunk.Obfuscation = reader.GetString();
                else if (reader.TokenType != JsonTokenType.Null) return false;
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                if (!ReadChoices(ref reader)) return false;
                sawChoice = true;
            }
            else return false; // a field the full parse keeps in Extra, an error, ...
        }
        // No choices at all is the usage chunk's shape (or something odd): the full parse handles it.
        return reader.TokenType == JsonTokenType.EndObject && sawChoice;
    }

    /// <summary>Exactly one choice: more than one is rare enough to take the full parse.</summary>
    private bool ReadChoices(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        var choice = _reused.Choice;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var index)) return false;
                choice.Index = index;
            }
            else if (reader.ValueTextEquals("delta"u8)) { if (!ReadDelta(ref reader)) return false; }
            else if (reader.ValueTextEquals("logprobs"u8)) { if (!ReadNull(ref reader)) return false; }
            else if (reader.ValueTextEquals("finish_reason"u8)) { if (!ReadNullable(ref reader, ref _finish, out var value)) return false; choice.FinishReason = value; }
            else return false;
        }
        if (reader.TokenType != JsonTokenType.EndObject) return false;
        return reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }

    private bool ReadDelta(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        var delta = _reused.Delta;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8)) { if (!ReadNullable(ref reader, ref _role, out var value)) return false; delta.Role = value; }
            else if (reader.ValueTextEquals("content"u8))
            {
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.String) delta.Content = reader.GetString(); // the text: new in every chunk
                else if (reader.TokenType == JsonTokenType.Null) delta.Content = null;
                else return false;
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.String) delta.Refusal = reader.GetString();
                else if (reader.TokenType == JsonTokenType.Null) delta.Refusal = null;
                else return false;
            }
            else return false; // tool_calls, function_call, reasoning fields, ...
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>A string that must be one (the full parse would give null for a JSON null; rare, so it takes that path).</summary>
    private static bool ReadString(ref Utf8JsonReader reader, ref string last)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        if (!reader.ValueTextEquals(last)) last = reader.GetString()!;
        return true;
    }

    private static bool ReadNullable(ref Utf8JsonReader reader, ref string? last, out string? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String) return false;
        if (last is null || !reader.ValueTextEquals(last)) last = reader.GetString()!;
        value = last;
        return true;
    }

    private static bool ReadNull(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.Null;
}
