using System.Text.Json;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Gemini;

/// <summary>What both the whole and the streamed response must be checked for.</summary>
internal static class GeminiResponseChecks
{
    /// <summary>
    /// Gemini refuses a prompt with 200, no candidates and promptFeedback.blockReason; that is a
    /// content-policy failure, not an empty answer.
    /// </summary>
    public static void ThrowIfNoCandidates(GeminiResponse response, ProviderEndpoint endpoint)
    {
        if (response.Candidates is { Count: > 0 }) return;
        if (response.PromptFeedback?.BlockReason is { } reason)
            throw new UpstreamException(UpstreamErrorKind.ContentPolicy, $"Provider '{endpoint.Name}' blocked the prompt (blockReason {reason}).", 200)
                { ProviderCode = reason };
        throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' answered without any candidate.");
    }

    /// <summary>A stream can report a failure as an event with an error object after the 200 (and a proxy may do so in a body).</summary>
    public static void ThrowIfError(GeminiResponse response, ProviderEndpoint endpoint, UpstreamErrorKind kind)
    {
        if (response.Error is not { ValueKind: JsonValueKind.Object } error) return;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        throw new UpstreamException(kind,
            $"Provider '{endpoint.Name}' reported an error after answering 200: {SecretRedactor.Redact(message ?? "unknown error", endpoint.ApiKey)}");
    }

    /// <summary>Gemini's responseId, or a fresh OpenAI-style id when it sent none.</summary>
    public static string CompletionId(GeminiResponse response) =>
        string.IsNullOrEmpty(response.ResponseId) ? "chatcmpl-" + Guid.NewGuid().ToString("N") : response.ResponseId;
}
