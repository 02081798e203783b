namespace Switchyard.Storage.Rows;

/// <summary>
/// One request log row: the whole schema, every column but the id, time, endpoint and status
/// nullable, so later work (virtual keys, cascades) fills columns without a migration. Times are
/// unix milliseconds (UTC); durations are milliseconds; money is USD.
/// </summary>
public sealed record RequestLogRow
{
    /// <summary>The request's x-request-id.</summary>
    public required string Id { get; init; }
    /// <summary>When the request arrived, unix milliseconds UTC.</summary>
    public required long TimeMs { get; init; }
    /// <summary>"chat", "embeddings".</summary>
    public required string Endpoint { get; init; }
    /// <summary>The virtual key's id (never the key); null while virtual keys are not configured.</summary>
    public string? KeyId { get; init; }
    public string? Project { get; init; }
    /// <summary>The route or model name the client sent.</summary>
    public string? Route { get; init; }
    public string? Policy { get; init; }
    /// <summary>"A" or "B" on a route with an A/B split.</summary>
    public string? Arm { get; init; }
    /// <summary>The rule that decided, for the rules policy.</summary>
    public string? Rule { get; init; }
    /// <summary>The task classifier's class, e.g. "coding".</summary>
    public string? Task { get; init; }
    public double? TaskConfidence { get; init; }
    /// <summary>The plan: a JSON array of deployment ids, primary first.</summary>
    public string? Plan { get; init; }
    /// <summary>A JSON array of {deployment, outcome, status, latency_ms, error_kind}.</summary>
    public string? Attempts { get; init; }
    public int AttemptCount { get; init; }
    /// <summary>The deployment, catalog model and provider that answered; null when none did.</summary>
    public string? Deployment { get; init; }
    public string? Model { get; init; }
    public string? Provider { get; init; }
    public bool Streamed { get; init; }
    public int? InputTokens { get; init; }
    public int? OutputTokens { get; init; }
    public int? CachedTokens { get; init; }
    public int? ReasoningTokens { get; init; }
    public double? CostUsd { get; init; }
    /// <summary>True when the upstream reported no usage and the gateway counted the tokens.</summary>
    public bool? CostEstimated { get; init; }
    public double? BaselineCostUsd { get; init; }
    public string? BaselineModel { get; init; }
    /// <summary>From arrival to the first byte of the answer (for streams: the first chunk sent).</summary>
    public double? TtftMs { get; init; }
    /// <summary>From arrival to the end of the answer.</summary>
    public double LatencyMs { get; init; }
    /// <summary>Time spent waiting on upstreams, all attempts included.</summary>
    public double? UpstreamMs { get; init; }
    /// <summary>Latency minus upstream time: what the gateway itself added.</summary>
    public double? OverheadMs { get; init; }
    /// <summary>Validator outcomes of a cascade, as JSON; null until cascades exist.</summary>
    public string? Validators { get; init; }
    /// <summary>Hex SHA-256 of the answer's content (UTF-8 text of every choice, tool-call arguments included).</summary>
    public string? ResponseSha256 { get; init; }
    /// <summary>The HTTP status answered.</summary>
    public int Status { get; init; }
    /// <summary>The error message, when the request failed (or the client went away).</summary>
    public string? Error { get; init; }
    /// <summary>The prompt messages as JSON (redacted); null unless request_log.bodies is on.</summary>
    public string? Prompt { get; init; }
    /// <summary>The answer's text (redacted); null unless request_log.bodies is on.</summary>
    public string? Response { get; init; }

    /// <summary>Counted as an error in analytics: a status of 400 or more, or an error message (client gone, stream cut).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Failed => Status >= 400 || Error is not null;
}
