namespace Switchyard.Core.Routing.Pii;

/// <summary>Which kinds the built-in PII detector looks for.</summary>
public sealed record PiiDetectorOptions
{
    /// <summary>The kinds to detect. Default: <see cref="PiiKind.All"/>.</summary>
    public PiiKind Kinds { get; init; } = PiiKind.All;
}
