using System.Buffers;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Routing.Pii;

/// <summary>
/// The candidate patterns, one per recognizer. They find the shape; the checks in code (Luhn, mod-97,
/// check letters, digit counts) decide. Boundaries are ASCII-only on purpose: a number glued to CJK
/// text ("电话13800138000") still has a boundary, while "v10" or "abc@" do not.
/// Every loop is bounded or unambiguous, so there is no catastrophic backtracking.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// Anchored with \G: the detector finds each '@' itself, walks back over <see cref="EmailLocalPart"/>
    /// and tries the pattern there once, instead of letting the engine try at every word.
    /// </summary>
    internal static readonly SearchValues<char> EmailLocalPart =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-");

    [GeneratedRegex(
        @"\G[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9_\-]|\.[A-Za-z0-9])",
        Options)]
    internal static partial Regex Email();

    /// <summary>13–19 digits, optionally grouped by single spaces or dashes.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+.,\-])[0-9](?:[ \-]?[0-9]){12,18}(?![0-9A-Za-z_]|[.,\-][0-9])", Options)]
    internal static partial Regex PaymentCard();

    /// <summary>The start of an IBAN: country, check digits, first BBAN group. The check walks the rest.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_])[A-Z]{2}[0-9]{2} ?[0-9A-Z]{4}", Options)]
    internal static partial Regex IbanStart();

    /// <summary>AAA-GG-SSSS without area 000, 666, 9xx, group 00, serial 0000.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+.\-])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![0-9A-Za-z_]|[.\-][0-9])", Options)]
    internal static partial Regex UsSsn();

    /// <summary>Two prefix letters (first not D F I Q U V, second not D F I O Q U V), six digits, suffix A–D.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![0-9A-Za-z_])", Options)]
    internal static partial Regex UkNino();

    /// <summary>Sex, year, month, department (2A/2B for Corsica), commune, order, key; optional spaces between parts.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_])[1-478] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}(?![0-9A-Za-z_])", Options)]
    internal static partial Regex FrNir();

    /// <summary>DNI (8 digits, optionally 12.345.678) or NIE (X/Y/Z + 7 digits), then the check letter.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_.])(?:[0-9]{8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3}|[XYZ][0-9]{7})-?[A-HJ-NP-TV-Z](?![0-9A-Za-z_])", Options)]
    internal static partial Regex EsDni();

    /// <summary>Nine digits, or 1234.56.782.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+.,\-])(?:[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3})(?![0-9A-Za-z_]|[.,\-][0-9])", Options)]
    internal static partial Regex NlBsn();

    /// <summary>+ and a country code, then digits with single separators; the check counts and shapes them.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+)])\+[1-9][0-9 ().\-]{6,22}[0-9](?![0-9A-Za-z_]|[.\-][0-9])", Options)]
    internal static partial Regex InternationalPhone();

    /// <summary>North American: (NXX) XXX-XXXX or NXX-XXX-XXXX / NXX.XXX.XXXX, optionally after "1-".</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+.\-]|[0-9][ .\-/])(?:1[ .\-])?(?:\([2-9][0-9]{2}\) ?[0-9]{3}[.\- ][0-9]{4}|[2-9][0-9]{2}(?<s>[.\-])[0-9]{3}\k<s>[0-9]{4})(?![0-9A-Za-z_]|[.\-][0-9])", Options)]
    internal static partial Regex NorthAmericanPhone();

    /// <summary>French national: 0X XX XX XX XX with one separator kind (space, dot or dash).</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+.\-]|[0-9][ .\-/])0[1-9](?<s>[ .\-])[0-9]{2}\k<s>[0-9]{2}\k<s>[0-9]{2}\k<s>[0-9]{2}(?![0-9A-Za-z_]|[.\-][0-9])", Options)]
    internal static partial Regex FrenchPhone();

    /// <summary>
    /// Trunk-prefix national numbers (UK, Germany and most of Europe): a 3–5 digit area code starting
    /// with 0 and a non-zero digit (00 is the international prefix), optionally in parentheses, then
    /// groups. The check wants 10–12 digits in all. Neither end may continue into another digit group:
    /// "3704 0044 0532 0130" is part of something longer, not a phone number.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_+.,\-/]|[0-9][ .\-/])(?:\(0[1-9][0-9]{1,3}\) ?|0[1-9][0-9]{1,3}[ /\-])[0-9]{3,8}(?:[ \-][0-9]{3,8}){0,2}(?![0-9A-Za-z_]|[ .,\-/][0-9])", Options)]
    internal static partial Regex TrunkPrefixPhone();
}
