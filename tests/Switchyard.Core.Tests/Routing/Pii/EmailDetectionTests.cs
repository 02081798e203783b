using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Tests.Routing.Pii;

public class EmailDetectionTests
{
    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("first_last+tag@mail.example.co.uk")]
    [InlineData("USER-42@Sub-Domain.Example.ORG")]
    [InlineData("a@b.io")]
    [InlineData("x%y@example.museum")]
    public void Finds_addresses(string address) => PiiAssert.FindsExactly(address, PiiKind.Email);

    [Theory]
    [InlineData("Use the @decorator syntax: @app.route('/')")]
    [InlineData("ping me @jane on slack")]
    [InlineData("user@localhost has no top-level domain")]
    [InlineData("install lodash@4.17.21 and react@18.2.0")]
    [InlineData("the retina asset logo@2x.png is missing")]
    [InlineData("a @ b . com is not an address")]
    [InlineData("twitter.com/@someone")]
    public void Ignores_at_signs_that_are_not_addresses(string text) => PiiAssert.FindsNothing(text);

    [Fact]
    public void Finds_adjacent_addresses_and_ignores_malformed_ones_between_them()
    {
        var text = "a@example.com,b@example.org;c@@example.net d@e@example.io mailto:e.f@example.de " + new string('x', 65) + "@example.com";
        var found = PiiAssert.Detector.Scan(text).Spans.Select(s => text.Substring(s.Start, s.Length));
        Assert.Equal(["a@example.com", "b@example.org", "e@example.io", "e.f@example.de"], found);
    }

    [Fact]
    public void Stops_at_trailing_punctuation_and_does_not_take_a_partial_domain()
    {
        var text = "Write to <ops@example.com>, or ops@example.com.";
        var spans = PiiAssert.Detector.Scan(text).Spans;
        Assert.Equal(["ops@example.com", "ops@example.com"], spans.Select(s => text.Substring(s.Start, s.Length)));
    }
}
