using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Tests.Http;

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("https://api.openai.com/v1", "chat/completions", "https://api.openai.com/v1/chat/completions")]
    [InlineData("https://api.openai.com/v1/", "chat/completions", "https://api.openai.com/v1/chat/completions")]
    [InlineData("https://api.openai.com/v1//", "/chat/completions", "https://api.openai.com/v1/chat/completions")]
    [InlineData("https://api.anthropic.com", "v1/messages", "https://api.anthropic.com/v1/messages")]
    [InlineData("http://127.0.0.1:8500/openai/v1", "embeddings", "http://127.0.0.1:8500/openai/v1/embeddings")]
    public void Combine_joins_with_exactly_one_slash(string baseUrl, string path, string expected) =>
        Assert.Equal(expected, JsonBody.Combine(new Uri(baseUrl), path).ToString());

    [Fact]
    public void Combine_keeps_one_uri_per_base_url_and_path()
    {
        var baseUrl = new Uri("https://api.openai.com/v1");
        var first = JsonBody.Combine(baseUrl, "chat/completions");
        Assert.Same(first, JsonBody.Combine(baseUrl, "chat/completions"));
        Assert.Equal("https://api.openai.com/v1/embeddings", JsonBody.Combine(baseUrl, "embeddings").ToString());
        Assert.Equal("http://127.0.0.1:9/v1/chat/completions", JsonBody.Combine(new Uri("http://127.0.0.1:9/v1"), "chat/completions").ToString());
    }

    [Fact]
    public async Task Create_writes_the_serialized_json_with_a_length_and_json_content_type()
    {
        var usage = new Usage { PromptTokens = 1, CompletionTokens = 2, TotalTokens = 3 };

        using var content = JsonBody.Create(usage, ChatJsonContext.Default.Usage);

        var bytes = await content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(usage, ChatJsonContext.Default.Usage), bytes);
        Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes.Length, content.Headers.ContentLength);
    }
}
