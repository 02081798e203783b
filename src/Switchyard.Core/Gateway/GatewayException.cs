namespace Switchyard.Core.Gateway;

/// <summary>
/// A request the gateway answers with an error. Carries the HTTP status and the OpenAI error
/// fields; the message is shown to the client, so it never contains a secret.
/// </summary>
public sealed class GatewayException(int status, string type, string? code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string? Code { get; } = code;
    public string? Param { get; } = param;
    /// <summary>Seconds the client should wait, for 429 and 503 where waiting helps.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>The errors of DESIGN.md's status-by-cause table, in its order.</summary>
public static class GatewayErrors
{
    public static GatewayException BodyTooLarge(long limit) =>
        new(413, "invalid_request_error", "request_too_large", $"The request body is larger than the limit of {limit} bytes.");

    public static GatewayException InvalidRequest(string message, string? param = null) =>
        new(400, "invalid_request_error", "invalid_request", message, param);

    public static GatewayException UnknownModel(string model) =>
        new(404, "invalid_request_error", "model_not_found", $"The model or route '{model}' does not exist. GET /v1/models lists what this gateway serves.", "model");

    /// <summary>The code of the 503 when every remaining candidate's breaker is open, from routing and the executor alike.</summary>
    public const string AllCandidatesUnhealthyCode = "all_candidates_unhealthy";

    public static GatewayException AllCandidatesUnhealthy(string message) =>
        new(503, "service_unavailable", AllCandidatesUnhealthyCode, message) { RetryAfterSeconds = 5 };

    public static GatewayException NoCandidate(string reasons) =>
        new(400, "invalid_request_error", "no_candidate", "No deployment can serve this request: " + reasons);

    public static GatewayException UpstreamFailed(string details) =>
        new(502, "upstream_error", "upstream_failed", "Every attempt failed upstream: " + details);

    public static GatewayException DeadlinePassed(double seconds) =>
        new(504, "timeout_error", "deadline_exceeded", $"The request did not complete within its deadline of {seconds:0.###} s.");
}
