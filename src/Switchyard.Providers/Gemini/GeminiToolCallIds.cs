using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// OpenAI tool call ids for Gemini function calls, and the way back.
/// Gemini may omit functionCall.id, so we make one that is deterministic for the same response
/// (the same call streamed or not gets the same id). Gemini 3 also returns a thoughtSignature beside
/// each function call and rejects the next turn if it is not sent back (ai.google.dev
/// thought-signatures). OpenAI clients keep only the id of a tool call, so the signature rides in
/// the id after <see cref="SignatureSeparator"/> (the convention LiteLLM uses) and is split off again
/// when the conversation comes back.
/// </summary>
internal static class GeminiToolCallIds
{
    public const string SignatureSeparator = "__thought__";

    public static string Create(string? geminiId, string completionId, int candidateIndex, int callOrdinal, string? thoughtSignature)
    {
        var id = string.IsNullOrEmpty(geminiId) ? Generated(completionId, candidateIndex, callOrdinal) : geminiId;
        return string.IsNullOrEmpty(thoughtSignature) ? id : id + SignatureSeparator + thoughtSignature;
    }

    /// <summary>Splits a tool call id into the id to send as functionCall.id and the signature, if any.</summary>
    public static (string? Id, string? ThoughtSignature) Split(string? toolCallId)
    {
        if (string.IsNullOrEmpty(toolCallId)) return (null, null);
        var at = toolCallId.IndexOf(SignatureSeparator, StringComparison.Ordinal);
        if (at < 0) return (toolCallId, null);
        var signature = toolCallId[(at + SignatureSeparator.Length)..];
        return (at == 0 ? null : toolCallId[..at], signature.Length == 0 ? null : signature);
    }

    private static string Generated(string completionId, int candidateIndex, int callOrdinal)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{completionId}/{candidateIndex}/{callOrdinal}"));
        return "call_" + Convert.ToHexStringLower(hash, 0, 12);
    }
}
