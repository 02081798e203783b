using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

public class NationalIdDetectionTests
{
    [Theory]
    [InlineData("123-45-6789")]
    [InlineData("078-05-1120")]
    [InlineData("665-99-0001")]
    [InlineData("899-01-9999")]
    public void Finds_us_ssns(string ssn) => PiiAssert.FindsExactly(ssn, PiiKind.UsSsn);

    [Theory]
    [InlineData("000-12-3456")]   // area 000
    [InlineData("666-12-3456")]   // area 666
    [InlineData("900-12-3456")]   // area 9xx
    [InlineData("987-65-4321")]
    [InlineData("123-00-4567")]   // group 00
    [InlineData("123-45-0000")]   // serial 0000
    [InlineData("123 45 6789")]   // only the dashed form is matched
    [InlineData("2024-01-15")]
    public void Ignores_invalid_ssns(string text) => PiiAssert.FindsNothing($"SSN {text}.");

    [Theory]
    [InlineData("AB 12 34 56 C")]
    [InlineData("AB123456C")]
    [InlineData("JG103759A")]
    [InlineData("ZX 98 76 54 D")]
    public void Finds_uk_national_insurance_numbers(string nino) => PiiAssert.FindsExactly(nino, PiiKind.UkNino);

    [Theory]
    [InlineData("QQ123456C")]   // Q is not a valid first letter (it is the gov.uk example prefix)
    [InlineData("GB123456A")]   // never-allocated prefix
    [InlineData("NK123456A")]
    [InlineData("AO123456A")]   // O is not a valid second letter
    [InlineData("AB123456E")]   // suffix beyond D
    [InlineData("AB12345C")]    // five digits
    public void Ignores_invalid_ninos(string text) => PiiAssert.FindsNothing($"NI number {text}.");

    [Theory]
    [InlineData("1 85 05 78 006 084 91")]
    [InlineData("185057800608491")]
    [InlineData("2 69 01 75 123 456 64")]
    [InlineData("1 85 07 2A 004 012 05")]   // Corsica
    [InlineData("2 85 05 2B 123 456 10")]
    public void Finds_french_nirs(string nir) => PiiAssert.FindsExactly(nir, PiiKind.FrNir);

    [Theory]
    [InlineData("1 85 05 78 006 084 92")]   // wrong key
    [InlineData("1 85 13 78 006 084 91")]   // month 13
    [InlineData("5 85 05 78 006 084 91")]   // no such first digit
    public void Ignores_invalid_nirs(string text) => PiiAssert.FindsNothing($"NIR {text}.");

    [Theory]
    [InlineData("12345678Z")]
    [InlineData("12345678-Z")]
    [InlineData("12.345.678-Z")]
    [InlineData("87654321X")]
    [InlineData("X1234567L")]   // NIE
    [InlineData("Y1234567X")]
    public void Finds_spanish_dnis_and_nies(string dni) => PiiAssert.FindsExactly(dni, PiiKind.EsDni);

    [Theory]
    [InlineData("12345678A")]   // wrong letter
    [InlineData("X1234567Z")]
    [InlineData("12345678z")]
    public void Ignores_invalid_dnis(string text) => PiiAssert.FindsNothing($"DNI {text}.");

    [Theory]
    [InlineData("BSN: 111222333", "111222333")]
    [InlineData("mijn burgerservicenummer is 1234.56.782", "1234.56.782")]
    [InlineData("Citizen service number 123456782", "123456782")]
    public void Finds_dutch_bsns_named_as_such(string text, string bsn)
    {
        var span = Assert.Single(PiiAssert.Detector.Scan(text).Spans);
        Assert.Equal(PiiKind.NlBsn, span.Kind);
        Assert.Equal(bsn, text.Substring(span.Start, span.Length));
    }

    [Theory]
    [InlineData("Order 123456782 shipped.")]   // passes the 11-check, but nothing says it is a BSN
    [InlineData("BSN: 123456789")]             // fails the 11-check
    [InlineData("BSN: 000000000")]
    public void Ignores_nine_digit_numbers_that_are_not_bsns(string text) => PiiAssert.FindsNothing(text);
}
