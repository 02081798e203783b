using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

internal static class PiiAssert
{
    public static readonly PiiDetector Detector = new();

    /// <summary>Embeds <paramref name="value"/> in a sentence and checks it is found whole, once, as <paramref name="kind"/>.</summary>
    public static void FindsExactly(string value, PiiKind kind)
    {
        string text = $"Here it is: {value}. Thanks!";
        var scan = Detector.Scan(text);
        var span = Assert.Single(scan.Spans);
        Assert.Equal(kind, span.Kind);
        Assert.Equal(value, text.Substring(span.Start, span.Length));
        Assert.Equal(kind, scan.Kinds);
        Assert.True(Detector.ContainsPii(text));
    }

    /// <summary>Checks that nothing at all is found in <paramref name="text"/>, by either entry point.</summary>
    public static void FindsNothing(string text)
    {
        var scan = Detector.Scan(text);
        Assert.True(scan.Spans.Count == 0,
            $"Unexpected finding(s) in \"{text}\": " + string.Join(", ", scan.Spans.Select(s => $"{s.Kind} '{text.Substring(s.Start, s.Length)}'")));
        Assert.Same(PiiScan.Empty, scan);
        Assert.False(Detector.ContainsPii(text));
    }
}
