using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

public class IbanDetectionTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82 WEST 1234 5698 7654 32")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("ES9121000418450200051332")]
    [InlineData("IT60X0542811101000000123456")]
    [InlineData("BE68539007547034")]
    [InlineData("CH9300762011623852957")]
    [InlineData("NO9386011117947")]
    [InlineData("PL61109010140000071219812874")]
    public void Finds_ibans(string iban) => PiiAssert.FindsExactly(iban, PiiKind.Iban);

    [Theory]
    [InlineData("DE88 3704 0044 0532 0130 00")]   // wrong check digits
    [InlineData("DE89 3704 0044 0532 0130 01")]   // wrong BBAN
    [InlineData("GB82 WEST 1234 5698 7654 3")]    // one short of GB's 22
    [InlineData("DE89370400440532013000123")]     // longer than DE's 22
    [InlineData("QQ89 3704 0044 0532 0130 00")]   // no such country
    [InlineData("DE89 370 40044 0532 0130 00")]   // spaced, but not in fours
    [InlineData("de89 3704 0044 0532 0130 00")]   // lowercase is not matched
    public void Ignores_invalid_ibans(string iban) => PiiAssert.FindsNothing($"Pay to {iban} today.");

    [Fact]
    public void Does_not_report_the_card_or_national_id_shaped_digits_inside_an_iban()
    {
        var text = "IBAN: GB82 WEST 1234 5698 7654 32, BIC WESTGB2L";
        var scan = PiiAssert.Detector.Scan(text);
        Assert.Equal(PiiKind.Iban, scan.Kinds);
        Assert.Equal("GB82 WEST 1234 5698 7654 32", text.Substring(scan.Spans[0].Start, scan.Spans[0].Length));
    }
}
