namespace Switchyard.Core.Routing.Filters;

/// <summary>Why a filter removed a candidate: a compact code, rendered as text only when asked.</summary>
public enum RemovalReason : byte
{
    None = 0,
    NoToolSupport,
    NoVisionSupport,
    NoJsonSchemaSupport,
    NoMultipleChoices,
    ContextWindow,
    MissingTags,
    MaxCost,
    MaxLatency,
    BelowMinTier,
    ProviderNotAllowed,
    ProviderIgnored,
    KeyNotAllowed,
    CircuitOpen,
}

/// <summary>Which status a request gets when removals of this kind leave no candidate (DESIGN.md's order).</summary>
public enum RemovalCategory : byte
{
    /// <summary>The request's own constraints: 400.</summary>
    Request,
    /// <summary>The key's allow / deny lists: 403.</summary>
    Key,
    /// <summary>Open circuits: 503.</summary>
    Health,
}

public static class RemovalReasons
{
    public static RemovalCategory Category(this RemovalReason reason) => reason switch
    {
        RemovalReason.KeyNotAllowed => RemovalCategory.Key,
        RemovalReason.CircuitOpen => RemovalCategory.Health,
        _ => RemovalCategory.Request,
    };
}
