using Switchyard.Core.Keys;

namespace Switchyard.Core.Tests.Keys;

public class VirtualKeySecretTests
{
    [Fact]
    public void A_key_is_sk_sy_and_43_base62_characters_whose_first_8_are_its_id()
    {
        var (key, id) = VirtualKeySecret.Generate();
        Assert.StartsWith("sk-sy-", key);
        Assert.Equal(6 + 43, key.Length);
        Assert.All(key[6..], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Equal(key.Substring(6, 8), id);
        Assert.Equal(id, VirtualKeySecret.IdOf(key));
        Assert.NotEqual(key, VirtualKeySecret.Generate().Key);
    }

    [Theory]
    [InlineData("sk-abc")]
    [InlineData("sk-sy-short")]
    [InlineData("sk-sy-0123456789abcdef0123456789-bad!")]
    [InlineData("Bearer sk-sy-0123456789abcdef0123456789")]
    public void Malformed_keys_have_no_id(string presented) => Assert.Null(VirtualKeySecret.IdOf(presented));

    [Fact]
    public void Only_the_exact_key_verifies_against_its_salted_hash()
    {
        var (key, _) = VirtualKeySecret.Generate();
        var salt = VirtualKeySecret.NewSalt();
        var hash = VirtualKeySecret.Hash(key, salt);
        Assert.True(VirtualKeySecret.Verify(key, salt, hash));
        Assert.False(VirtualKeySecret.Verify(key[..^1] + (key[^1] == 'a' ? 'b' : 'a'), salt, hash));
        Assert.False(VirtualKeySecret.Verify(key, VirtualKeySecret.NewSalt(), hash)); // the salt matters
        Assert.NotEqual(hash, VirtualKeySecret.Hash(key, VirtualKeySecret.NewSalt()));
    }

    [Fact]
    public void The_default_model_means_the_keys_default_route()
    {
        var policy = new KeyPolicy { DefaultRoute = "cheap-chat" };
        Assert.Equal("cheap-chat", policy.Resolve("default"));
        Assert.Equal("gpt-4o", policy.Resolve("gpt-4o"));
        Assert.Equal("default", KeyPolicy.Open.Resolve("default"));
    }
}
