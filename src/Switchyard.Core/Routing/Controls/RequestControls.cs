namespace Switchyard.Core.Routing.Controls;

/// <summary>
/// The per-request routing controls a client may send, in the body field "switchyard" or as
/// x-switchyard-* headers (the body wins where both are given). All optional.
/// </summary>
public sealed record RequestControls
{
    public static readonly RequestControls None = new();

    /// <summary>Skip deployments whose estimated cost exceeds this (USD).</summary>
    public decimal? MaxCostUsd { get; init; }
    /// <summary>Skip deployments whose recent p95 latency exceeds this (ms); unknown latency passes.</summary>
    public double? MaxLatencyMs { get; init; }
    /// <summary>Skip deployments whose tier for the request's task class is below this (1-5).</summary>
    public int? MinTier { get; init; }
    /// <summary>Provider names to try first, in this order.</summary>
    public IReadOnlyList<string> ProviderOrder { get; init; } = [];
    /// <summary>Use only these providers.</summary>
    public IReadOnlyList<string> ProviderOnly { get; init; } = [];
    /// <summary>Never use these providers.</summary>
    public IReadOnlyList<string> ProviderIgnore { get; init; } = [];
    /// <summary>False: one attempt only, no fallback. Default true.</summary>
    public bool AllowFallbacks { get; init; } = true;
    /// <summary>"price" or "latency": overrides the route's policy with that ordering.</summary>
    public string? Sort { get; init; }
    /// <summary>Models to fall back to after the route's own candidates (as OpenRouter's "models").</summary>
    public IReadOnlyList<string> FallbackModels { get; init; } = [];
    /// <summary>Data-policy tags every deployment used must carry (e.g. no-training).</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];
}
