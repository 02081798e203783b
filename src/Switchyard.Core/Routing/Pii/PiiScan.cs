namespace Switchyard.Core.Routing.Pii;

/// <summary>
/// The result of one scan: the kinds found and their non-overlapping spans, ordered by position.
/// A clean text gets the shared <see cref="Empty"/> instance, so scanning it allocates nothing.
/// </summary>
public sealed class PiiScan
{
    public static readonly PiiScan Empty = new(PiiKind.None, []);

    internal PiiScan(PiiKind kinds, IReadOnlyList<PiiSpan> spans)
    {
        Kinds = kinds;
        Spans = spans;
    }

    /// <summary>Every kind with at least one finding.</summary>
    public PiiKind Kinds { get; }

    /// <summary>The findings, ordered by <see cref="PiiSpan.Start"/>, never overlapping.</summary>
    public IReadOnlyList<PiiSpan> Spans { get; }

    public bool HasPii => Kinds != PiiKind.None;
}
