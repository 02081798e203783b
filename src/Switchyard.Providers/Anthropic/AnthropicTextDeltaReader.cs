using System.Text.Json;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// The fast path for an Anthropic stream's common event, a text delta:
/// {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"..."}}. It reads
/// the text and nothing else (no event object, no type strings), in any property order, skipping
/// fields the full parse ignores as well. Any other event returns false, and the caller parses it
/// in full.
/// </summary>
internal static class AnthropicTextDeltaReader
{
    public static bool TryRead(ReadOnlySpan<byte> data, out string text)
    {
        text = "";
        try
        {
            var reader = new Utf8JsonReader(data);
            return ReadEvent(ref reader, out text) && !reader.Read(); // nothing may follow the object (the full parse rejects it)
        }
        catch (JsonException)
        {
            return false; // the full parse reports it
        }
    }

    private static bool ReadEvent(ref Utf8JsonReader reader, out string text)
    {
        text = "";
        bool isDelta = false, isText = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                isDelta = reader.ValueTextEquals("content_block_delta"u8);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                // Text deltas all go to choice 0; the index only has to be what the full parse accepts.
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out _)) return false;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                if (!ReadDelta(ref reader, out isText, out text)) return false;
            }
            else if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("content_block"u8)
                     || reader.ValueTextEquals("usage"u8) || reader.ValueTextEquals("error"u8))
            {
                return false; // fields the full parse reads into objects (and checks): let it
            }
            else
            {
                reader.Skip(); // unknown to the full parse too
            }
        }
        return reader.TokenType == JsonTokenType.EndObject && isDelta && isText;
    }

    private static bool ReadDelta(ref Utf8JsonReader reader, out bool isText, out string text)
    {
        isText = false;
        text = "";
        var sawText = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                isText = reader.ValueTextEquals("text_delta"u8);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                text = reader.GetString()!;
                sawText = true;
            }
            else if (reader.ValueTextEquals("partial_json"u8) || reader.ValueTextEquals("stop_reason"u8))
            {
                // Read by the full parse as strings; a text delta never carries them, so let it decide.
                return false;
            }
            else
            {
                reader.Skip();
            }
        }
        return reader.TokenType == JsonTokenType.EndObject && sawText;
    }
}
