using Switchyard.Simulator.Faults;

namespace Switchyard.Simulator.Tests.Faults;

public class SimDirectiveParserTests
{
    [Fact]
    public void Text_without_directives_is_returned_as_is()
    {
        var directive = SimDirectiveParser.Parse("plain question", out var rest);
        Assert.Same(SimDirective.None, directive);
        Assert.Equal("plain question", rest);
    }

    [Fact]
    public void Reads_every_item_and_removes_the_directives()
    {
        var directive = SimDirectiveParser.Parse("hi [sim:error=429,retry_after=2] there [SIM:ttft_ms=300, tps=50.5]", out var rest);
        Assert.Equal(429, directive.ErrorStatus);
        Assert.Equal(2, directive.RetryAfterSeconds);
        Assert.Equal(300, directive.TimeToFirstTokenMs);
        Assert.Equal(50.5, directive.TokensPerSecond);
        Assert.Equal("hi  there", rest);
    }

    [Theory]
    [InlineData("[sim:hang]")]
    [InlineData("[sim:reset]")]
    [InlineData("[sim:malformed]")]
    [InlineData("[sim:cut_after=3]")]
    [InlineData("[sim:error_after=2]")]
    public void Reads_flags_and_counts(string text)
    {
        var d = SimDirectiveParser.Parse(text, out _);
        Assert.True(d.Hang || d.Reset || d.Malformed || d.CutAfter == 3 || d.ErrorAfter == 2);
    }

    [Fact]
    public void Ignores_unknown_items_and_bad_values()
    {
        var d = SimDirectiveParser.Parse("[sim:frobnicate,error=abc,error=200,tps=-1]", out _);
        Assert.Equal(SimDirective.None, d);
    }
}
