namespace Switchyard.Core.Routing.Pii;

/// <summary>The kinds of personal data the built-in detector recognises. A flags enum so a scan can report several.</summary>
[Flags]
public enum PiiKind
{
    None = 0,

    /// <summary>An e-mail address (ASCII local part and domain, alphabetic top-level domain).</summary>
    Email = 1 << 0,

    /// <summary>A phone number: international (+country code), North American, or European national formats.</summary>
    Phone = 1 << 1,

    /// <summary>A payment card number: 13–19 digits, Luhn check, and a known network prefix and length.</summary>
    PaymentCard = 1 << 2,

    /// <summary>An IBAN with the per-country length and the ISO 7064 mod-97 check.</summary>
    Iban = 1 << 3,

    /// <summary>A US Social Security number written AAA-GG-SSSS, outside the never-issued ranges.</summary>
    UsSsn = 1 << 4,

    /// <summary>A UK National Insurance number (allocated prefix letters, six digits, suffix A–D).</summary>
    UkNino = 1 << 5,

    /// <summary>A French social security number (NIR) with its 2-digit mod-97 key.</summary>
    FrNir = 1 << 6,

    /// <summary>A Spanish DNI or NIE with its mod-23 check letter.</summary>
    EsDni = 1 << 7,

    /// <summary>A Dutch citizen service number (BSN) passing the 11-check, only next to a word naming it.</summary>
    NlBsn = 1 << 8,

    /// <summary>Every national identifier kind.</summary>
    NationalId = UsSsn | UkNino | FrNir | EsDni | NlBsn,

    /// <summary>Every kind.</summary>
    All = Email | Phone | PaymentCard | Iban | NationalId,
}

public static class PiiKindExtensions
{
    /// <summary>The label used in redactions, e.g. <c>[REDACTED:EMAIL]</c>, for a single kind.</summary>
    public static string Label(this PiiKind kind) => kind switch
    {
        PiiKind.Email => "EMAIL",
        PiiKind.Phone => "PHONE",
        PiiKind.PaymentCard => "CARD",
        PiiKind.Iban => "IBAN",
        PiiKind.UsSsn => "US_SSN",
        PiiKind.UkNino => "UK_NINO",
        PiiKind.FrNir => "FR_NIR",
        PiiKind.EsDni => "ES_DNI",
        PiiKind.NlBsn => "NL_BSN",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A label exists for single kinds only."),
    };
}
