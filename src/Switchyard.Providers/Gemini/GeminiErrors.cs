using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Gemini answers a wrong or expired API key with 400 INVALID_ARGUMENT ("API key not valid. Please
/// pass a valid API key.", "API key expired. Please renew the API key."), not 401, so the shared
/// status mapping calls it BadRequest. It is an authentication failure: the request is fine and
/// another provider can take it.
/// </summary>
internal static class GeminiErrors
{
    public static bool IsInvalidKey(UpstreamException ex) =>
        ex.Kind == UpstreamErrorKind.BadRequest && ex.StatusCode == 400
        && (ex.Message.Contains("API key not valid", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("API key expired", StringComparison.OrdinalIgnoreCase));

    public static UpstreamException AsAuthentication(UpstreamException ex) =>
        new(UpstreamErrorKind.Authentication, ex.Message, ex.StatusCode, ex.RetryAfter, ex) { ProviderCode = ex.ProviderCode };
}
