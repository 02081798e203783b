namespace Switchyard.Storage.Rows;

/// <summary>A user's judgement of one answer (POST /v1/feedback); the latest one per request is kept.</summary>
/// <param name="Score">0 (bad) to 1 (good).</param>
public sealed record Feedback(string RequestId, double Score, string? Label, string? Comment, long TimeMs);
