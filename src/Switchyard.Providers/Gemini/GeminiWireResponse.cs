using System.Text.Json;

namespace Switchyard.Providers.Gemini;

// The GenerateContentResponse, both whole (generateContent) and as each alt=sse event
// (streamGenerateContent sends partial responses of the same shape).

internal sealed class GeminiResponse
{
    public List<GeminiCandidate>? Candidates { get; set; }
    public GeminiPromptFeedback? PromptFeedback { get; set; }
    public GeminiUsageMetadata? UsageMetadata { get; set; }
    public string? ModelVersion { get; set; }
    public string? ResponseId { get; set; }
    /// <summary>Set when a stream reports a failure in an event instead of a status code.</summary>
    public JsonElement? Error { get; set; }
}

internal sealed class GeminiCandidate
{
    public GeminiContent? Content { get; set; }
    /// <summary>STOP, MAX_TOKENS, SAFETY, RECITATION, ...; absent on stream events before the last.</summary>
    public string? FinishReason { get; set; }
    /// <summary>Absent when there is only one candidate.</summary>
    public int? Index { get; set; }
}

internal sealed class GeminiPromptFeedback
{
    /// <summary>SAFETY, OTHER, BLOCKLIST, PROHIBITED_CONTENT, IMAGE_SAFETY: the prompt was refused.</summary>
    public string? BlockReason { get; set; }
}

internal sealed class GeminiUsageMetadata
{
    public int? PromptTokenCount { get; set; }
    public int? CandidatesTokenCount { get; set; }
    public int? ThoughtsTokenCount { get; set; }
    public int? CachedContentTokenCount { get; set; }
    public int? ToolUsePromptTokenCount { get; set; }
    public int? TotalTokenCount { get; set; }
}
