using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.OpenAI;

/// <summary>Reads OpenAI's chat.completion and embeddings bodies (already canonical).</summary>
public static class OpenAIResponseMapper
{
    /// <summary>
    /// Parses the answer (usage, content and finish reasons are what the gateway needs from it) and keeps
    /// its bytes in <see cref="ChatCompletion.UpstreamJson"/>, so the client gets them unchanged: the
    /// provider's own fields and formatting, and no second serialization.
    /// </summary>
    public static async Task<ChatCompletion> ReadCompletionAsync(Stream body, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        var whole = await PooledBody.ReadAsync(body, null, cancellationToken).ConfigureAwait(false);
        try
        {
            // The usual answer in one hand-written pass; anything unusual the serializer's way.
            var completion = ChatCompletionReader.TryRead(whole.Span, out var read)
                ? read!
                : Deserialize(whole.Span, ChatJsonContext.Default.ChatCompletion, endpoint);
            if (completion.Choices.Count == 0 && completion.Extra?.ContainsKey("error") == true)
                throw new UpstreamException(UpstreamErrorKind.ServerError, $"Provider '{endpoint.Name}' answered 200 with an error body.");
            completion.UpstreamJson = whole; // no copy: the endpoint sends these bytes and hands the buffer back
            return completion;
        }
        catch
        {
            whole.Dispose(); // not handed on
            throw;
        }
    }

    public static async Task<EmbeddingResponse> ReadEmbeddingsAsync(Stream body, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var whole = await PooledBody.ReadAsync(body, null, cancellationToken).ConfigureAwait(false);
        return Deserialize(whole.Span, ChatJsonContext.Default.EmbeddingResponse, endpoint);
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, ProviderEndpoint endpoint)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent a body that is not valid JSON for this operation.", inner: ex);
        }
    }
}
