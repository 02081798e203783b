using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Errors Anthropic reports inside a 2xx answer (an SSE "error" event mid-stream, or a rare error
/// body) carry no HTTP status, only error.type; this maps the type as its status would be mapped.
/// </summary>
internal static class AnthropicErrorTypes
{
    public static UpstreamErrorKind KindOf(string? type) => type switch
    {
        "overloaded_error" or "api_error" => UpstreamErrorKind.ServerError,
        "rate_limit_error" => UpstreamErrorKind.RateLimited,
        "authentication_error" or "permission_error" => UpstreamErrorKind.Authentication,
        "timeout_error" => UpstreamErrorKind.Timeout,
        "invalid_request_error" or "not_found_error" or "request_too_large" or "billing_error" => UpstreamErrorKind.BadRequest,
        _ => UpstreamErrorKind.ServerError, // an unknown failure of the provider, not of the request
    };

    public static UpstreamException ToException(AnthropicError? error, ProviderEndpoint endpoint, string where)
    {
        var message = SecretRedactor.Redact(error?.Message ?? "unknown error", endpoint.ApiKey);
        return new UpstreamException(KindOf(error?.Type), $"Provider '{endpoint.Name}' reported an error {where} ({error?.Type ?? "unknown"}): {message}")
        {
            ProviderCode = error?.Type,
        };
    }
}
