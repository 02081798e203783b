namespace Switchyard.Core.Upstream;

/// <summary>What the adapter learned from the upstream's HTTP response besides the body.</summary>
public sealed class UpstreamResponseInfo
{
    public int? StatusCode { get; set; }
    /// <summary>The provider's own request id (OpenAI x-request-id, Anthropic request-id).</summary>
    public string? ProviderRequestId { get; set; }
    /// <summary>From x-ratelimit-remaining-requests or anthropic-ratelimit-requests-remaining.</summary>
    public long? RemainingRequests { get; set; }
    /// <summary>From x-ratelimit-remaining-tokens or anthropic-ratelimit-tokens-remaining.</summary>
    public long? RemainingTokens { get; set; }
    public long? LimitRequests { get; set; }
    public long? LimitTokens { get; set; }
}
