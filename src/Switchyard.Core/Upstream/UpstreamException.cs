namespace Switchyard.Core.Upstream;

/// <summary>Why an upstream call failed; the executor decides on retry and fallback from this.</summary>
public enum UpstreamErrorKind
{
    /// <summary>Could not connect, or the connection was reset before an answer.</summary>
    Connection,
    Timeout,
    /// <summary>429 from the provider.</summary>
    RateLimited,
    /// <summary>5xx (and Anthropic's 529 overloaded).</summary>
    ServerError,
    /// <summary>The provider refused the request as invalid (400/404/422): retrying cannot help.</summary>
    BadRequest,
    /// <summary>The prompt does not fit the model's context window: another model may take it.</summary>
    ContextLength,
    /// <summary>The provider refused on content policy.</summary>
    ContentPolicy,
    /// <summary>401/403: the provider key is wrong; retrying cannot help, another provider can.</summary>
    Authentication,
    /// <summary>The upstream answered 2xx with a body that does not parse.</summary>
    MalformedResponse,
    /// <summary>A stream ended or broke before its natural end.</summary>
    StreamInterrupted,
    /// <summary>The provider has no such operation (e.g. embeddings on Anthropic).</summary>
    Unsupported,
}

/// <summary>
/// An upstream failure. <see cref="Exception.Message"/> is safe to show a client: it names the
/// provider and the cause and never contains a credential.
/// </summary>
public sealed class UpstreamException(
    UpstreamErrorKind kind,
    string message,
    int? statusCode = null,
    TimeSpan? retryAfter = null,
    Exception? inner = null) : Exception(message, inner)
{
    public UpstreamErrorKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;
    /// <summary>From Retry-After (seconds or HTTP date) or retry-after-ms, when the upstream sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>The provider's own error code or type, when it gave one (e.g. "context_length_exceeded").</summary>
    public string? ProviderCode { get; init; }

    /// <summary>True for failures that another attempt at the same deployment may not repeat.</summary>
    public bool IsTransient => Kind is UpstreamErrorKind.Connection or UpstreamErrorKind.Timeout
        or UpstreamErrorKind.RateLimited or UpstreamErrorKind.ServerError or UpstreamErrorKind.StreamInterrupted
        or UpstreamErrorKind.MalformedResponse;
}
