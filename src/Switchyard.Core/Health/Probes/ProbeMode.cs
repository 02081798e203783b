namespace Switchyard.Core.Health.Probes;

/// <summary>What <c>health_checks.probe</c> asks for.</summary>
public enum ProbeMode
{
    /// <summary>The model list where the provider really has one, else a completion.</summary>
    Auto,
    /// <summary>The model list (a completion where the wire has none).</summary>
    Models,
    /// <summary>A 1-token completion.</summary>
    Completion,
}

public static class ProbeModes
{
    public static readonly IReadOnlyList<string> Names = ["auto", "models", "completion"];

    public static ProbeMode? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "auto" => ProbeMode.Auto,
        "models" => ProbeMode.Models,
        "completion" => ProbeMode.Completion,
        _ => null,
    };
}
