using System.Runtime.CompilerServices;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Sse;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Reads an OpenAI chat stream: one chat.completion.chunk per data line until [DONE]. A stream
/// that ends without [DONE] was cut, and says so. Some compatible servers put usage on the last
/// chunk that still has choices; that chunk is split so usage always arrives alone with empty
/// choices, as OpenAI sends it. Plain text deltas take <see cref="OpenAITextChunkReader"/>'s fast
/// path into one reused chunk; every other chunk is parsed in full.
/// </summary>
public static class OpenAIStreamParser
{
    public static async IAsyncEnumerable<ChatCompletionChunk> ParseAsync(Stream body, ProviderEndpoint endpoint, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sawDone = false;
        var textChunks = new OpenAITextChunkReader();
        await using var events = SseReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            SseEvent sse;
            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                sse = events.Current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw UpstreamHttp.BodyReadFailure(ex, endpoint, cancellationToken);
            }
            if (sse.IsDone) { sawDone = true; break; }

            if (textChunks.TryRead(sse.Data.Span, out var reused))
            {
                yield return reused;
                continue;
            }
            var chunk = Parse(sse.Data.Span, endpoint);
            if (chunk.Usage is not null && chunk.Choices.Count > 0)
            {
                var usage = chunk.Usage;
                chunk.Usage = null;
                yield return chunk;
                yield return new ChatCompletionChunk
                {
                    Id = chunk.Id, Created = chunk.Created, Model = chunk.Model,
                    SystemFingerprint = chunk.SystemFingerprint, ServiceTier = chunk.ServiceTier, Usage = usage,
                };
                continue;
            }
            yield return chunk;
        }
        if (!sawDone)
            throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, $"The stream from provider '{endpoint.Name}' ended before [DONE].");
    }

    private static ChatCompletionChunk Parse(ReadOnlySpan<byte> data, ProviderEndpoint endpoint)
    {
        ChatCompletionChunk? chunk;
        try
        {
            chunk = JsonSerializer.Deserialize(data, ChatJsonContext.Default.ChatCompletionChunk);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent a stream event that is not valid JSON.", inner: ex);
        }
        if (chunk is null)
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent an empty stream event.");
        if (chunk.Extra is { } extra && extra.TryGetValue("error", out var error))
        {
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : "unknown error";
            throw new UpstreamException(UpstreamErrorKind.StreamInterrupted,
                $"Provider '{endpoint.Name}' reported an error mid-stream: {SecretRedactor.Redact(message ?? "", endpoint.ApiKey)}");
        }
        return chunk;
    }
}
