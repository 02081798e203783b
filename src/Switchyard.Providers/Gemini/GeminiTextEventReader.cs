using System.Text.Json;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// The fast path for a Gemini stream's common event: one candidate whose content is one text part,
/// no finishReason, and usageMetadata. It reads the text and the usage counts without building the
/// response objects, skipping the fields the full parse ignores as well (safetyRatings,
/// modelVersion, ...). Any other event (the first, function calls, thoughts, several parts or
/// candidates, the finish, errors, prompt feedback) returns false, and the caller parses it in full.
/// </summary>
internal static class GeminiTextEventReader
{
    /// <summary>What a text event carries: the candidate, its text, and the usage when the event had some.</summary>
    public readonly record struct TextEvent(int CandidateIndex, string Text, GeminiUsageCounts? Usage);

    public static bool TryRead(ReadOnlySpan<byte> data, out TextEvent textEvent)
    {
        textEvent = default;
        try
        {
            var reader = new Utf8JsonReader(data);
            return ReadResponse(ref reader, out textEvent) && !reader.Read(); // nothing may follow the object (the full parse rejects it)
        }
        catch (JsonException)
        {
            return false; // the full parse reports it
        }
    }

    private static bool ReadResponse(ref Utf8JsonReader reader, out TextEvent textEvent)
    {
        textEvent = default;
        int? index = null;
        string? text = null;
        GeminiUsageCounts? usage = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("candidates"u8))
            {
                if (!ReadCandidates(ref reader, out index, out text)) return false;
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                if (!ReadUsage(ref reader, out var counts)) return false;
                usage = counts;
            }
            else if (reader.ValueTextEquals("modelVersion"u8) || reader.ValueTextEquals("responseId"u8))
            {
                // Only the first event's are used (it always takes the full parse); still they must be what it accepts.
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return false;
            }
            else if (reader.ValueTextEquals("promptFeedback"u8) || reader.ValueTextEquals("error"u8))
            {
                return false; // checked by the full parse
            }
            else
            {
                reader.Skip(); // unknown to the full parse too
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || text is null) return false;
        textEvent = new TextEvent(index ?? 0, text, usage);
        return true;
    }

    /// <summary>Exactly one candidate with content and no finishReason.</summary>
    private static bool ReadCandidates(ref Utf8JsonReader reader, out int? index, out string? text)
    {
        index = null;
        text = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                if (!ReadContent(ref reader, out text)) return false;
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.Null) index = null;
                else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) index = value;
                else return false;
            }
            else if (reader.ValueTextEquals("finishReason"u8))
            {
                return false; // the candidate's end: the full parse tracks it
            }
            else
            {
                reader.Skip(); // safetyRatings, avgLogprobs, citationMetadata...: unused by the full parse too
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) return false;
        return reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>{"parts":[{"text":"..."}],"role":"model"}: one part, holding only text.</summary>
    private static bool ReadContent(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("parts"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                if (!ReadTextPart(ref reader, out text)) return false;
                if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return false;
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return false;
            }
            else
            {
                reader.Skip();
            }
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadTextPart(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                text = reader.GetString();
            }
            else if (reader.ValueTextEquals("thoughtSignature"u8))
            {
                // Used only with a function call; on a text part the full parse drops it too.
                if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null)) return false;
            }
            else if (reader.ValueTextEquals("thought"u8) || reader.ValueTextEquals("inlineData"u8) || reader.ValueTextEquals("fileData"u8)
                     || reader.ValueTextEquals("functionCall"u8) || reader.ValueTextEquals("functionResponse"u8))
            {
                return false;
            }
            else
            {
                reader.Skip();
            }
        }
        return reader.TokenType == JsonTokenType.EndObject && text is not null;
    }

    private static bool ReadUsage(ref Utf8JsonReader reader, out GeminiUsageCounts usage)
    {
        usage = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("promptTokenCount"u8)) { if (!ReadCount(ref reader, out var v)) return false; usage = usage with { PromptTokenCount = v }; }
            else if (reader.ValueTextEquals("candidatesTokenCount"u8)) { if (!ReadCount(ref reader, out var v)) return false; usage = usage with { CandidatesTokenCount = v }; }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8)) { if (!ReadCount(ref reader, out var v)) return false; usage = usage with { ThoughtsTokenCount = v }; }
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8)) { if (!ReadCount(ref reader, out var v)) return false; usage = usage with { CachedContentTokenCount = v }; }
            else if (reader.ValueTextEquals("toolUsePromptTokenCount"u8)) { if (!ReadCount(ref reader, out var v)) return false; usage = usage with { ToolUsePromptTokenCount = v }; }
            else if (reader.ValueTextEquals("totalTokenCount"u8)) { if (!ReadCount(ref reader, out var v)) return false; usage = usage with { TotalTokenCount = v }; }
            else reader.Skip(); // promptTokensDetails and the like: not read by the full parse either
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadCount(ref Utf8JsonReader reader, out int? count)
    {
        count = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value)) return false;
        count = value;
        return true;
    }
}

/// <summary>usageMetadata's counts, read without an object (see <see cref="GeminiUsageMetadata"/>).</summary>
internal readonly record struct GeminiUsageCounts(
    int? PromptTokenCount, int? CandidatesTokenCount, int? ThoughtsTokenCount,
    int? CachedContentTokenCount, int? ToolUsePromptTokenCount, int? TotalTokenCount);
