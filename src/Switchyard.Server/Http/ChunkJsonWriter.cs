using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Server.Http;

/// <summary>
/// Writes a plain chunk (text deltas: no usage, no tool calls, no logprobs, no extra fields) by
/// hand, byte for byte what ChatJsonContext writes, but without the serializer's per-call state
/// (~310 B per chunk). Any other chunk goes through the serializer.
/// </summary>
internal static class ChunkJsonWriter
{
    public static void Write(Utf8JsonWriter json, ChatCompletionChunk chunk)
    {
        if (!IsPlain(chunk))
        {
            JsonSerializer.Serialize(json, chunk, ChatJsonContext.Default.ChatCompletionChunk);
            return;
        }
        // Declaration order, nulls left out except finish_reason and usage (ChatCompletionChunk's attributes).
        json.WriteStartObject();
        json.WriteString("id"u8, chunk.Id);
        json.WriteString("object"u8, chunk.Object);
        json.WriteNumber("created"u8, chunk.Created);
        json.WriteString("model"u8, chunk.Model);
        if (chunk.SystemFingerprint is { } fingerprint) json.WriteString("system_fingerprint"u8, fingerprint);
        if (chunk.ServiceTier is { } tier) json.WriteString("service_tier"u8, tier);
        json.WriteStartArray("choices"u8);
        foreach (var choice in chunk.Choices)
        {
            json.WriteStartObject();
            json.WriteNumber("index"u8, choice.Index);
            json.WriteStartObject("delta"u8);
            var delta = choice.Delta;
            if (delta.Role is { } role) json.WriteString("role"u8, role);
            if (delta.Content is { } content) json.WriteString("content"u8, content);
            if (delta.Refusal is { } refusal) json.WriteString("refusal"u8, refusal);
            json.WriteEndObject();
            json.WriteString("finish_reason"u8, choice.FinishReason); // a null string writes null
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNull("usage"u8);
        if (chunk.Obfuscation is { } obfuscation) json.WriteString("obfuscation"u8, obfuscation);
        json.WriteEndObject();
    }

    private static bool IsPlain(ChatCompletionChunk chunk)
    {
        if (chunk.Usage is not null || chunk.Extra is not null || chunk.Choices is null || chunk.Id is null || chunk.Object is null || chunk.Model is null)
            return false;
        foreach (var choice in chunk.Choices)
            if (choice?.Delta is not { ToolCalls: null, Extra: null } || choice.Logprobs is not null)
                return false;
        return true;
    }
}
