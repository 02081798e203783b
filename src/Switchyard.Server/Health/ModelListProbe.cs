using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Server.Health;

/// <summary>
/// GET the provider's model list with the provider's own credentials: it proves the host answers and
/// the key is accepted, and bills no tokens. OpenAI-compatible: GET {base}/models (Bearer);
/// Anthropic: GET /v1/models (x-api-key, anthropic-version); Gemini: GET /v1beta/models (x-goog-api-key).
/// </summary>
public sealed class ModelListProbe(HttpClient http)
{
    private const string AnthropicVersion = "2023-06-01";

    public async Task ProbeAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var endpoint = deployment.Provider;
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(endpoint));
        foreach (var (name, value) in endpoint.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
        {
            switch (endpoint.Kind)
            {
                case "anthropic":
                    if (!request.Headers.Contains("x-api-key")) request.Headers.TryAddWithoutValidation("x-api-key", endpoint.ApiKey);
                    break;
                case "gemini":
                    request.Headers.TryAddWithoutValidation("x-goog-api-key", endpoint.ApiKey);
                    break;
                default:
                    request.Headers.Authorization = new("Bearer", endpoint.ApiKey);
                    break;
            }
        }
        if (endpoint.Kind == "anthropic" && !request.Headers.Contains("anthropic-version"))
            request.Headers.TryAddWithoutValidation("anthropic-version", AnthropicVersion);
        // Throws UpstreamException (status, safe message) on a transport failure or a non-2xx answer.
        using var response = await UpstreamHttp.SendAsync(http, request, endpoint, new UpstreamResponseInfo(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The list URL; one page of one entry where the API pages, since only the status matters.</summary>
    public static Uri Url(ProviderEndpoint endpoint)
    {
        var root = endpoint.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return endpoint.Kind switch
        {
            "anthropic" => new Uri((root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1") + "/models?limit=1"),
            "gemini" => new Uri((root.EndsWith("/v1beta", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1beta") + "/models?pageSize=1"),
            _ => new Uri(root + "/models"),
        };
    }
}
