using System.Text.Json;
using static Switchyard.Core.Chat.ChatJsonReading;

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
    public static bool TryRead(ReadOnlySpan<byte> json, out ChatCompletion? completion)
    {
        completion = null;
        var result = new ChatCompletion();
        if (!ReadWhole(json, result, ReadCompletion)) return false;
        completion = result;
        return true;
    }

    private static bool ReadCompletion(ref Utf8JsonReader reader, ChatCompletion c)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8)) { if (!String(ref reader, out var v)) return false; c.Id = v!; }
            else if (reader.ValueTextEquals("object"u8)) { if (!Word(ref reader, out var v)) return false; c.Object = v!; }
            else if (reader.ValueTextEquals("created"u8)) { if (!Next(ref reader, JsonTokenType.Number)) return false; c.Created = reader.GetInt64(); }
            else if (reader.ValueTextEquals("model"u8)) { if (!String(ref reader, out var v)) return false; c.Model = v!; }
            else if (reader.ValueTextEquals("choices"u8)) { if (!ReadChoices(ref reader, c.Choices = [])) return false; }
            else if (reader.ValueTextEquals("usage"u8)) { if (!ReadUsage(ref reader, out var usage)) return false; c.Usage = usage; }
            else if (reader.ValueTextEquals("system_fingerprint"u8)) { if (!String(ref reader, out var v)) return false; c.SystemFingerprint = v; }
            else if (reader.ValueTextEquals("service_tier"u8)) { if (!Word(ref reader, out var v)) return false; c.ServiceTier = v; }
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
                else if (reader.ValueTextEquals("finish_reason"u8)) { if (!Word(ref reader, out var v)) return false; choice.FinishReason = v; }
                else SkipValue(ref reader); // ChatChoice keeps no unknown fields
            }
            choices.Add(choice);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadUsage(ref Utf8JsonReader reader, out Usage? usage)
    {
        usage = null;
        if (!NullOr(ref reader, JsonTokenType.StartObject, out var isNull)) return false;
        if (isNull) return true;
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
        if (!NullOr(ref reader, JsonTokenType.StartObject, out var isNull)) return false;
        if (isNull) return true;
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
        if (!NullOr(ref reader, JsonTokenType.StartObject, out var isNull)) return false;
        if (isNull) return true;
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
}
