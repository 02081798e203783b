namespace Switchyard.Core.Routing.Pii;

/// <summary>One finding: where it is in the scanned text (UTF-16 offsets) and what it is.</summary>
public readonly record struct PiiSpan(int Start, int Length, PiiKind Kind)
{
    public int End => Start + Length;
}
