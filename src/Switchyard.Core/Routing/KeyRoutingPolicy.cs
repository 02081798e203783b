namespace Switchyard.Core.Routing;

/// <summary>
/// What a virtual key allows (from the keys issue on): the models and routes it may use, forced
/// data-policy tags and a per-request cost ceiling. <see cref="Open"/> allows everything.
/// </summary>
public sealed record KeyRoutingPolicy
{
    public static readonly KeyRoutingPolicy Open = new();

    /// <summary>Model or route names the key may use; empty = all.</summary>
    public IReadOnlySet<string> AllowedModels { get; init; } = new HashSet<string>();
    /// <summary>Model names the key may never reach, even through a route.</summary>
    public IReadOnlySet<string> DeniedModels { get; init; } = new HashSet<string>();
    /// <summary>Tags every deployment this key reaches must carry (an HR app only ever reaches no-training providers).</summary>
    public IReadOnlyList<string> ForcedTags { get; init; } = [];
    public decimal? MaxCostUsd { get; init; }
    /// <summary>A tier label for rules ("free", "pro"...).</summary>
    public string? Tier { get; init; }

    public bool Allows(string model) =>
        !DeniedModels.Contains(model) && (AllowedModels.Count == 0 || AllowedModels.Contains(model));
}
