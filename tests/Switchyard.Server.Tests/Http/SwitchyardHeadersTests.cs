using System.Globalization;
using Switchyard.Server.Http;

namespace Switchyard.Server.Tests.Http;

public sealed class SwitchyardHeadersTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("0.00012000", "0.00012")]
    [InlineData("12.5", "12.5")]
    [InlineData("3", "3")]
    [InlineData("3.000", "3")]
    [InlineData("0.00000000005", "0.0000000001")] // the eleventh decimal rounds half away from zero
    [InlineData("0.00000000004", "0")]
    [InlineData("1234567.123456789012345", "1234567.123456789")]
    public void Dollars_are_written_to_ten_decimals_without_trailing_zeros(string value, string expected)
    {
        Assert.Equal(expected, SwitchyardHeaders.Usd(decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Dollars_are_written_as_the_custom_format_0_hashes_writes_them()
    {
        // The header's text before the hand-written formatting: it must not change for any price.
        decimal[] edges = [-0.00000000001m, -0.00000000004m, -0.00000000005m, -1.5m, -0m, 0.0000000000m, decimal.MaxValue, decimal.MinValue, 0.99999999999m];
        foreach (var edge in edges)
            Assert.Equal(edge.ToString("0.##########", CultureInfo.InvariantCulture), SwitchyardHeaders.Usd(edge));
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var scale = (byte)random.Next(0, 20);
            var value = new decimal(random.Next(), random.Next(0, 1000), 0, isNegative: random.Next(50) == 0, scale);
            Assert.Equal(value.ToString("0.##########", CultureInfo.InvariantCulture), SwitchyardHeaders.Usd(value));
        }
    }
}
