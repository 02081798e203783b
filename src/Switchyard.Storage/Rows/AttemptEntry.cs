using System.Text.Json.Serialization;

namespace Switchyard.Storage.Rows;

/// <summary>One upstream attempt as the attempts column stores it.</summary>
/// <param name="Outcome">"ok", or the failure kind (e.g. "ServerError", "Timeout").</param>
public sealed record AttemptEntry(
    [property: JsonPropertyName("deployment")] string Deployment,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("latency_ms")] double LatencyMs,
    [property: JsonPropertyName("error_kind")] string? ErrorKind);
