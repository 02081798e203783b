using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// A canonical request that cannot be said on the Anthropic wire. It fails before any call with
/// <see cref="UpstreamErrorKind.BadRequest"/>, so the client learns why instead of getting a
/// silently different answer.
/// </summary>
internal static class AnthropicRequestError
{
    public static UpstreamException Create(ProviderEndpoint endpoint, string reason) =>
        new(UpstreamErrorKind.BadRequest, $"Provider '{endpoint.Name}' (anthropic) cannot take this request: {reason}");
}
