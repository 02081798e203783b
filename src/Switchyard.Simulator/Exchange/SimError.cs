namespace Switchyard.Simulator.Exchange;

/// <summary>Why a request failed, in provider-neutral terms; each dialect turns it into its own error shape.</summary>
internal enum SimErrorKind
{
    InvalidRequest, Authentication, PermissionDenied, NotFound, ContextLength,
    RateLimitRequests, RateLimitTokens, ServerError, Unavailable, Overloaded, Timeout,
}

internal sealed record SimError(int Status, SimErrorKind Kind, string Message)
{
    /// <summary>The request field at fault (OpenAI's <c>param</c>), when known.</summary>
    public string? Param { get; init; }

    public int? RetryAfterSeconds { get; init; }

    /// <summary>An injected error for a bare status code (directive or fault rate).</summary>
    public static SimError FromStatus(int status, int? retryAfterSeconds)
    {
        var (kind, message) = status switch
        {
            401 => (SimErrorKind.Authentication, "Invalid authentication (simulated)."),
            403 => (SimErrorKind.PermissionDenied, "Permission denied (simulated)."),
            404 => (SimErrorKind.NotFound, "Not found (simulated)."),
            429 => (SimErrorKind.RateLimitRequests, "Rate limit reached for requests (simulated)."),
            500 => (SimErrorKind.ServerError, "The server had an error while processing your request (simulated)."),
            503 => (SimErrorKind.Unavailable, "The service is temporarily unavailable (simulated)."),
            504 => (SimErrorKind.Timeout, "The request timed out (simulated)."),
            529 => (SimErrorKind.Overloaded, "Overloaded"),
            >= 500 => (SimErrorKind.ServerError, $"Simulated server error {status}."),
            _ => (SimErrorKind.InvalidRequest, $"Simulated client error {status}."),
        };
        return new SimError(status, kind, message) { RetryAfterSeconds = retryAfterSeconds };
    }

    public static SimError Invalid(string message, string? param = null) => new(400, SimErrorKind.InvalidRequest, message) { Param = param };
}
