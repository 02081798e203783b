using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Tests.Generation;

public class TokenCounterTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Hello", 1)]
    [InlineData("Hello world", 2)]
    [InlineData("Hello, world!", 4)]
    [InlineData("internationalization", 3)] // 20 letters: 8 + 8 + 4
    [InlineData("a  b", 3)]                 // "a", " " (extra space), " b"
    [InlineData("line\n\nnext", 3)]
    public void Counts_by_the_documented_rule(string text, int expected) => Assert.Equal(expected, TokenCounter.Count(text));

    [Theory]
    [InlineData("What is the weather like in Boston today?")]
    [InlineData("  leading and trailing  ")]
    [InlineData("{\"a\": [1, 2.5, \"x y\"]}\r\n")]
    [InlineData("emoji 😀 and ümlauts")]
    public void Split_is_lossless_and_agrees_with_count(string text)
    {
        var pieces = TokenCounter.Split(text);
        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal(TokenCounter.Count(text), pieces.Length);
    }

    [Fact]
    public void A_space_belongs_to_the_following_word() =>
        Assert.Equal(["I", "'", "m", " unable", " to"], TokenCounter.Split("I'm unable to"));
}
