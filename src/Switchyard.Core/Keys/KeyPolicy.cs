using Switchyard.Core.Routing;

namespace Switchyard.Core.Keys;

/// <summary>
/// What a key may reach: the models and routes it may name (empty = all), models it may never reach
/// even through a route, the route that <c>"model": "default"</c> means, data-policy tags every
/// deployment must carry, a cost ceiling per request and a tier label for rules.
/// </summary>
public sealed record KeyPolicy
{
    public static readonly KeyPolicy Open = new();

    /// <summary>The model name a client sends to mean "my key's default route".</summary>
    public const string DefaultModelName = "default";

    public IReadOnlyList<string> AllowedModels { get; init; } = [];
    public IReadOnlyList<string> DeniedModels { get; init; } = [];
    public string? DefaultRoute { get; init; }
    public IReadOnlyList<string> ForcedTags { get; init; } = [];
    public decimal? MaxCostUsd { get; init; }
    public string? Tier { get; init; }

    /// <summary>The model or route a request means: the key's default route when it sent "default".</summary>
    public string Resolve(string model) =>
        DefaultRoute is { } route && string.Equals(model, DefaultModelName, StringComparison.Ordinal) ? route : model;

    public KeyRoutingPolicy ToRouting() => new()
    {
        AllowedModels = AllowedModels.ToHashSet(StringComparer.Ordinal),
        DeniedModels = DeniedModels.ToHashSet(StringComparer.Ordinal),
        ForcedTags = ForcedTags,
        MaxCostUsd = MaxCostUsd,
        Tier = Tier,
    };
}
