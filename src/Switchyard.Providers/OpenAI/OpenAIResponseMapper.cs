using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.OpenAI;

/// <summary>Reads OpenAI's chat.completion and embeddings bodies (already canonical).</summary>
public static class OpenAIResponseMapper
{
    public static async Task<ChatCompletion> ReadCompletionAsync(Stream body, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var completion = await DeserializeAsync(body, ChatJsonContext.Default.ChatCompletion, endpoint, cancellationToken).ConfigureAwait(false);
        if (completion.Choices.Count == 0 && completion.Extra?.ContainsKey("error") == true)
            throw new UpstreamException(UpstreamErrorKind.ServerError, $"Provider '{endpoint.Name}' answered 200 with an error body.");
        return completion;
    }

    public static Task<EmbeddingResponse> ReadEmbeddingsAsync(Stream body, ProviderEndpoint endpoint, CancellationToken cancellationToken) =>
        DeserializeAsync(body, ChatJsonContext.Default.EmbeddingResponse, endpoint, cancellationToken);

    private static async Task<T> DeserializeAsync<T>(Stream body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var whole = await PooledBody.ReadAsync(body, null, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(whole.Span, type) ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent a body that is not valid JSON for this operation.", inner: ex);
        }
    }
}
