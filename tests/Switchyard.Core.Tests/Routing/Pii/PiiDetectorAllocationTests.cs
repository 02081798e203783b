using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

/// <summary>Not run in parallel: a regex rents its runner, and a concurrent user would make it build a second one.</summary>
[CollectionDefinition(nameof(PiiDetectorAllocationTests), DisableParallelization = true)]
public sealed class PiiAllocationCollection;

[Collection(nameof(PiiDetectorAllocationTests))]
public class PiiDetectorAllocationTests
{
    [Fact]
    public void Scanning_text_without_findings_allocates_nothing()
    {
        var detector = new PiiDetector();
        // Enough digits and an '@' that every pattern runs.
        const string text =
            "Release 10.0.14 shipped on 2024-01-15 at 10:30; 2500 units at $1,234.56 each, order 1234567890123, " +
            "contact @support, commit 3f2a9c1d, ratio 0.25, ids 000-12-3456 and QQ123456C. Grüße, 東京 😀";

        for (int i = 0; i < 3; i++)
        {
            detector.Scan(text);
            detector.ContainsPii(text);
            detector.Redact(text);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var scan = detector.Scan(text);
        bool contains = detector.ContainsPii(text);
        var redacted = detector.Redact(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(scan.HasPii);
        Assert.False(contains);
        Assert.Same(text, redacted);
        Assert.Equal(0, allocated);
    }
}
