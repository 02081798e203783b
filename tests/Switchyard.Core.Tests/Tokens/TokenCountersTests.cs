using Switchyard.Core.Tokens;

namespace Switchyard.Core.Tests.Tokens;

public sealed class TokenCountersTests
{
    [Theory]
    [InlineData("o200k_base", true)]
    [InlineData("cl100k_base", true)]
    [InlineData("estimate", false)]
    public void Catalog_names_give_their_counter(string name, bool exact)
    {
        var counter = TokenCounters.For(name);
        Assert.Equal(name, counter.Name);
        Assert.Equal(exact, counter.IsExact);
        Assert.Same(counter, TokenCounters.For(name));
    }

    [Theory]
    [InlineData("O200K_BASE")]
    [InlineData("p50k_base")]
    [InlineData("")]
    public void Unknown_names_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => TokenCounters.For(name));
        Assert.Contains("o200k_base, cl100k_base, estimate", error.Message);
        Assert.False(TokenCounters.TryFor(name, out _));
    }

    [Fact]
    public void Warm_up_loads_the_encoders_it_is_given_and_ignores_unknown_names()
    {
        TokenCounters.WarmUp(["cl100k_base", "estimate", "no-such-tokenizer"]);
        Assert.True(TokenCounters.IsLoaded("cl100k_base"));
        Assert.True(TokenCounters.IsLoaded("o200k_base")); // "estimate" counts with o200k_base
        Assert.False(TokenCounters.IsLoaded("estimate"));
    }

    [Fact]
    public void Every_catalog_tokenizer_has_a_counter()
    {
        foreach (var model in Switchyard.Core.Catalog.CatalogLoader.LoadBuiltin().Models)
            Assert.True(TokenCounters.TryFor(model.Tokenizer, out _), $"{model.Id}: {model.Tokenizer}");
    }
}
