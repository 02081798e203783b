using Switchyard.Core.Chat;

namespace Switchyard.Core.Upstream;

/// <summary>Where and how to reach one provider account.</summary>
/// <param name="Name">The provider's name in config, e.g. "openai-main".</param>
/// <param name="Kind">The wire format: "openai", "anthropic", "gemini".</param>
/// <param name="BaseUrl">
/// For openai: the URL ending in /v1 (as the OpenAI SDKs take it). For anthropic and gemini: scheme
/// and host (the adapter adds /v1/messages and /v1beta/models/...), as their SDKs take it.
/// </param>
/// <param name="ApiKey">The provider credential; never logged, never echoed in an error.</param>
/// <param name="Headers">Extra headers sent on every call (e.g. anthropic-beta, OpenRouter's HTTP-Referer).</param>
public sealed record ProviderEndpoint(
    string Name,
    string Kind,
    Uri BaseUrl,
    string? ApiKey,
    IReadOnlyDictionary<string, string> Headers)
{
    public override string ToString() => $"{Name} ({Kind} at {BaseUrl})"; // never the key
}

/// <summary>One upstream chat call: the endpoint, the provider's model name and the canonical request.</summary>
/// <param name="Request">
/// The client's request with gateway-owned fields already removed. Adapters must not mutate it
/// (a fallback attempt reuses it); copy what they change.
/// </param>
/// <param name="UpstreamModel">The model name the provider knows (replaces the client's model field).</param>
/// <param name="MaxOutputTokens">The model's output limit from the catalog, used where the wire format requires max_tokens (Anthropic) and the client gave none.</param>
public sealed record UpstreamCall(
    ProviderEndpoint Endpoint,
    string UpstreamModel,
    ChatRequest Request,
    int? MaxOutputTokens = null)
{
    /// <summary>For streams: ask the upstream for usage even when the client did not (cost accounting needs it).</summary>
    public bool WantUsage { get; init; } = true;

    /// <summary>Filled by the adapter from the upstream's response headers; read by accounting and health.</summary>
    public UpstreamResponseInfo Response { get; } = new();
}

public sealed record UpstreamEmbeddingCall(ProviderEndpoint Endpoint, string UpstreamModel, EmbeddingRequest Request)
{
    public UpstreamResponseInfo Response { get; } = new();
}
