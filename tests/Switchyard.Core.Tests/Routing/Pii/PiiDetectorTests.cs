using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

public class PiiDetectorTests
{
    private static readonly PiiDetector Detector = PiiAssert.Detector;

    [Fact]
    public void Finds_several_kinds_in_mixed_text_with_exact_spans()
    {
        const string text =
            "Hi, I'm Jane (jane.doe@example.com, +44 20 7946 0958). Please refund card 4111 1111 1111 1111 " +
            "to IBAN DE89 3704 0044 0532 0130 00; my SSN is 123-45-6789. Order #2024-001, 3 items, $1,234.56.";

        var scan = Detector.Scan(text);

        Assert.Equal(PiiKind.Email | PiiKind.Phone | PiiKind.PaymentCard | PiiKind.Iban | PiiKind.UsSsn, scan.Kinds);
        Assert.Equal(
            [
                new PiiSpan(text.IndexOf("jane.doe", StringComparison.Ordinal), "jane.doe@example.com".Length, PiiKind.Email),
                new PiiSpan(text.IndexOf("+44", StringComparison.Ordinal), "+44 20 7946 0958".Length, PiiKind.Phone),
                new PiiSpan(text.IndexOf("4111", StringComparison.Ordinal), "4111 1111 1111 1111".Length, PiiKind.PaymentCard),
                new PiiSpan(text.IndexOf("DE89", StringComparison.Ordinal), "DE89 3704 0044 0532 0130 00".Length, PiiKind.Iban),
                new PiiSpan(text.IndexOf("123-45", StringComparison.Ordinal), "123-45-6789".Length, PiiKind.UsSsn),
            ],
            scan.Spans);
    }

    [Fact]
    public void Redact_replaces_each_finding_with_its_kind()
    {
        const string text = "Mail jane@example.com, call (415) 555-2671, pay NL91ABNA0417164300, DNI 12345678Z, NI AB123456C.";

        Assert.Equal(
            "Mail [REDACTED:EMAIL], call [REDACTED:PHONE], pay [REDACTED:IBAN], DNI [REDACTED:ES_DNI], NI [REDACTED:UK_NINO].",
            Detector.Redact(text));
    }

    [Fact]
    public void Redact_labels_every_kind()
    {
        Assert.Equal("[REDACTED:CARD] [REDACTED:US_SSN] [REDACTED:FR_NIR] BSN [REDACTED:NL_BSN]",
            Detector.Redact("5555 5555 5555 4444 078-05-1120 185057800608491 BSN 111222333"));
    }

    [Fact]
    public void Redact_returns_the_same_instance_when_there_is_nothing_to_redact()
    {
        const string text = "Nothing personal here, just version 10.0.14 from 2024.";
        Assert.Same(text, Detector.Redact(text));
    }

    [Fact]
    public void Spans_are_utf16_offsets_in_text_with_unicode_around_the_findings()
    {
        const string text = "Ünïcödé 📧 jane@example.com — 電話 +81 3-1234-5678 ✓ 电话+8613800138000。Ελληνικά 4111111111111111 🙂";

        var found = Detector.Scan(text).Spans.Select(s => (s.Kind, text.Substring(s.Start, s.Length))).ToList();

        Assert.Equal(
            [
                (PiiKind.Email, "jane@example.com"),
                (PiiKind.Phone, "+81 3-1234-5678"),
                (PiiKind.Phone, "+8613800138000"),
                (PiiKind.PaymentCard, "4111111111111111"),
            ],
            found);
        Assert.Equal(
            "Ünïcödé 📧 [REDACTED:EMAIL] — 電話 [REDACTED:PHONE] ✓ 电话[REDACTED:PHONE]。Ελληνικά [REDACTED:CARD] 🙂",
            Detector.Redact(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("@")]
    [InlineData("12345")]
    public void Empty_and_tiny_input_finds_nothing(string text)
    {
        Assert.Same(PiiScan.Empty, Detector.Scan(text));
        Assert.False(Detector.ContainsPii(text));
        Assert.Same(text, Detector.Redact(text));
    }

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]                          // UUID
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39, short 1234567")] // git hashes
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [InlineData("0x7ffe5c3b2a10 and 0x00007ffe5c3b2a10")]
    [InlineData("Build 10.0.14393.2248, Kestrel 10.0.100-rc.1.25451.107")]
    [InlineData("2024-01-15 10:30:45.123456 +0000 UTC")]
    [InlineData("Temperature readings: 21.5, 22.0, 22.75, 23.125 at 10:00, 11:00, 12:00.")]
    [InlineData("Lat 48.858844, lon 2.294351; base64 QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")]
    public void Ignores_identifiers_that_look_numeric(string text) => PiiAssert.FindsNothing(text);

    [Fact]
    public void Disabled_kinds_are_not_reported()
    {
        var emailOnly = new PiiDetector(new PiiDetectorOptions { Kinds = PiiKind.Email });
        const string text = "jane@example.com 4111 1111 1111 1111 123-45-6789";

        Assert.Equal(PiiKind.Email, emailOnly.Scan(text).Kinds);
        Assert.Equal("[REDACTED:EMAIL] 4111 1111 1111 1111 123-45-6789", emailOnly.Redact(text));

        var none = new PiiDetector(new PiiDetectorOptions { Kinds = PiiKind.None });
        Assert.False(none.ContainsPii(text));
    }

    [Fact]
    public void Defaults_to_every_kind()
    {
        Assert.Equal(PiiKind.All, new PiiDetectorOptions().Kinds);
        Assert.Equal(PiiKind.All, new PiiDetector().Options.Kinds);
    }

    [Fact]
    public void ContainsPii_agrees_with_Scan()
    {
        Assert.True(Detector.ContainsPii("reach me at +1 415 555 2671"));
        Assert.True(Detector.ContainsPii("BSN 111222333".AsSpan()));
        Assert.False(Detector.ContainsPii("reach me at noon on 2024-01-15"));
    }

    [Fact]
    public void Overlapping_candidates_keep_the_longer_finding()
    {
        // "+1 (415) 555-2671" is matched by the international and the North American pattern.
        const string text = "call +1 (415) 555-2671 now";
        var span = Assert.Single(Detector.Scan(text).Spans);
        Assert.Equal("+1 (415) 555-2671", text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Handles_adversarial_input_in_linear_time()
    {
        // Repetitive shapes that would make a backtracking pattern blow up; a generous bound, as
        // catastrophic backtracking would take minutes, not seconds, even on a loaded machine.
        string[] shapes = ["a@", "a.a@a.", "1 ", "1-", "+1 ", "(0", "AB12 ", "12345678", "4111 ", "x@y.", "0612 "];
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var shape in shapes)
            Detector.Scan(string.Concat(Enumerable.Repeat(shape, 100_000 / shape.Length)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Handles_long_text_linearly()
    {
        var text = string.Concat(Enumerable.Repeat("Item 12, qty 3, version 10.0.14, price 1,234.56 on 2024-01-15. ", 5000))
            + "jane@example.com";
        var scan = Detector.Scan(text);
        Assert.Equal(PiiKind.Email, scan.Kinds);
    }
}
