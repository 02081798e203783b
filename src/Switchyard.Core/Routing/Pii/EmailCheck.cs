namespace Switchyard.Core.Routing.Pii;

/// <summary>Rejects address-shaped file names such as "logo@2x.png" (a retina-image convention).</summary>
internal static class EmailCheck
{
    public static bool Validate(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var candidate = text.Slice(start, length);
        var tld = candidate[(candidate.LastIndexOf('.') + 1)..];
        return !(tld.Equals("png", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("jpg", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("jpeg", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("gif", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("svg", StringComparison.OrdinalIgnoreCase)
            || tld.Equals("webp", StringComparison.OrdinalIgnoreCase));
    }
}
