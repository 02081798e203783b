using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

public class PhoneDetectionTests
{
    [Theory]
    [InlineData("+1 415 555 2671")]
    [InlineData("+14155552671")]
    [InlineData("+1-415-555-2671")]
    [InlineData("+1 (415) 555-2671")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+44 (0)20 7946 0958")]
    [InlineData("+49 30 12345678")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("+91 98765 43210")]
    [InlineData("+81 3-1234-5678")]
    [InlineData("+31.20.123.4567")]
    public void Finds_international_numbers(string number) => PiiAssert.FindsExactly(number, PiiKind.Phone);

    [Theory]
    [InlineData("(415) 555-2671")]
    [InlineData("(415)555-2671")]
    [InlineData("415-555-2671")]
    [InlineData("415.555.2671")]
    [InlineData("1-800-555-0199")]
    public void Finds_north_american_numbers(string number) => PiiAssert.FindsExactly(number, PiiKind.Phone);

    [Theory]
    [InlineData("06 12 34 56 78")]
    [InlineData("01.23.45.67.89")]
    [InlineData("06-12-34-56-78")]
    [InlineData("020 7946 0958")]
    [InlineData("07700 900123")]
    [InlineData("(020) 7946 0958")]
    [InlineData("030 12345678")]
    [InlineData("089/1234 5678")]
    [InlineData("0161 496 0000")]
    public void Finds_european_national_numbers(string number) => PiiAssert.FindsExactly(number, PiiKind.Phone);

    [Theory]
    [InlineData("The treaty was signed in 1648 and revised in 2024.")]
    [InlineData("It costs $1,234.56, or 1.234,56 € in Germany.")]
    [InlineData("Upgrade from 10.0.14 to 10.0.100 and then 1.2.3.4.5.")]
    [InlineData("Deadline: 2024-01-15, or 15/01/2024, or 01.02.2024 at 12:30:45.")]
    [InlineData("Timestamp 2024-01-15T10:30:00.123Z, epoch 1700000000.")]
    [InlineData("Ship 2500 units on 12 pallets of 48 boxes, 100 000 000 in total.")]
    [InlineData("Growth of +100.000.000 users; +3.5% year over year; 3+4=7; x = +12.")]
    [InlineData("Plain 10 digits 4155552671 is an order id, not a number we can read.")]
    [InlineData("ISBN 978-3-16-148410-0, IP 192.168.100.200, pi 3.14159265358979.")]
    [InlineData("A decimal 0.1234567890 and a ratio 0.25 0.5 0.75.")]
    [InlineData("Call 123-456-7890 (no North American area code starts with 1).")]
    [InlineData("Matrix: 1 2 3 4 5 6 7 8 9 10 11 12")]
    [InlineData("Scores 2021 2022 2023 2024 2025")]
    public void Ignores_ordinary_numbers(string text) => PiiAssert.FindsNothing(text);

    [Fact]
    public void A_trailing_number_does_not_hide_the_phone_number()
    {
        var text = "Call +44 20 7946 0958 2024 edition";
        var span = Assert.Single(PiiAssert.Detector.Scan(text).Spans);
        Assert.Equal("+44 20 7946 0958", text.Substring(span.Start, span.Length));
    }
}
