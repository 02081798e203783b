using System.Buffers;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Routing.Pii;

/// <summary>Confirms a candidate match; may move its bounds (trim a greedy tail, extend an IBAN).</summary>
internal delegate bool PiiValidator(ReadOnlySpan<char> text, ref int start, ref int length);

/// <summary>
/// One pattern and the check that confirms its matches. <see cref="MinDigits"/> lets the detector skip
/// the pattern entirely on text that cannot hold a match.
/// </summary>
internal sealed record PiiRecognizer(PiiKind Kind, Regex Pattern, PiiValidator? Validate, int MinDigits)
{
    /// <summary>
    /// When set, the pattern starts with \G and is tried only where a run of <see cref="AnchorPrefix"/>
    /// characters ends at this character (and not at all when the text lacks it).
    /// </summary>
    public char Anchor { get; init; }

    public SearchValues<char>? AnchorPrefix { get; init; }
}

internal static class PiiRecognizers
{
    /// <summary>
    /// Cheapest and most decisive first, so <see cref="PiiDetector.ContainsPii(string)"/> usually stops early.
    /// Adding a kind = one pattern, one check, one line here.
    /// </summary>
    public static readonly PiiRecognizer[] All =
    [
        new(PiiKind.Email, PiiPatterns.Email(), EmailCheck.Validate, MinDigits: 0) { Anchor = '@', AnchorPrefix = PiiPatterns.EmailLocalPart },
        new(PiiKind.PaymentCard, PiiPatterns.PaymentCard(), PaymentCardCheck.Validate, MinDigits: 13),
        new(PiiKind.Iban, PiiPatterns.IbanStart(), IbanCheck.Validate, MinDigits: 10),
        new(PiiKind.UsSsn, PiiPatterns.UsSsn(), null, MinDigits: 9),
        new(PiiKind.FrNir, PiiPatterns.FrNir(), NationalIdChecks.ValidateFrNir, MinDigits: 13),
        new(PiiKind.EsDni, PiiPatterns.EsDni(), NationalIdChecks.ValidateEsDni, MinDigits: 7),
        new(PiiKind.UkNino, PiiPatterns.UkNino(), NationalIdChecks.ValidateUkNino, MinDigits: 6),
        new(PiiKind.NlBsn, PiiPatterns.NlBsn(), NationalIdChecks.ValidateNlBsn, MinDigits: 9),
        new(PiiKind.Phone, PiiPatterns.InternationalPhone(), PhoneCheck.ValidateInternational, MinDigits: 9),
        new(PiiKind.Phone, PiiPatterns.NorthAmericanPhone(), null, MinDigits: 10),
        new(PiiKind.Phone, PiiPatterns.FrenchPhone(), null, MinDigits: 10),
        new(PiiKind.Phone, PiiPatterns.TrunkPrefixPhone(), PhoneCheck.ValidateTrunkPrefix, MinDigits: 10),
    ];

    /// <summary>The largest <see cref="PiiRecognizer.MinDigits"/>: counting digits can stop there.</summary>
    public static readonly int DigitsWorthCounting = All.Max(r => r.MinDigits);
}
