using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Failures found while mapping a request, before anything is sent. Unsupported means Gemini has
/// no way to express it (another provider may take the request); BadRequest means the request
/// itself is malformed for any provider.
/// </summary>
internal static class GeminiRequestError
{
    public static UpstreamException Invalid(string reason) =>
        new(UpstreamErrorKind.BadRequest, $"The request cannot be sent to Gemini: {reason}");

    public static UpstreamException Unsupported(string reason) =>
        new(UpstreamErrorKind.Unsupported, $"Gemini does not support this request: {reason}");
}
