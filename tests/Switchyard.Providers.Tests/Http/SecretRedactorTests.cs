using Switchyard.Providers.Http;

namespace Switchyard.Providers.Tests.Http;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("Incorrect API key provided: sk-abc123***xyz. You can find your API key at https://platform.openai.com.", "sk-abc")]
    [InlineData("key sk-proj-AbCdEf_123-456 rejected", "sk-proj")]
    [InlineData("API key not valid: AIzaSyA1234567890abcdefgh", "AIzaSy")]
    [InlineData("Invalid API Key gsk_0123456789abcdefXYZ", "gsk_0123")]
    [InlineData("header was Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi")]
    public void Key_like_text_is_redacted(string text, string secretPart)
    {
        var redacted = SecretRedactor.Redact(text, knownKey: null);

        Assert.DoesNotContain(secretPart, redacted);
        Assert.Contains("[redacted]", redacted);
    }

    [Fact]
    public void The_known_key_is_redacted_whatever_it_looks_like()
    {
        var redacted = SecretRedactor.Redact("token local-token-98765 is not valid", "local-token-98765");

        Assert.Equal("token [redacted] is not valid", redacted);
    }

    [Fact]
    public void Text_without_secrets_is_unchanged()
    {
        const string text = "Rate limit reached for requests. Try again in 20s; see https://platform.openai.com/account/rate-limits.";

        Assert.Equal(text, SecretRedactor.Redact(text, "test-key-123456"));
    }

    [Fact]
    public void A_very_short_known_key_does_not_blank_out_ordinary_words()
    {
        Assert.Equal("the model is busy", SecretRedactor.Redact("the model is busy", "is"));
    }
}
