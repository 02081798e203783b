using System.Runtime.CompilerServices;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Sse;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Reads an Anthropic Messages stream (typed SSE events) into OpenAI chunks. An "error" event
/// throws; a stream that ends before message_stop was cut, and says so rather than passing off a
/// truncated answer as complete.
/// </summary>
internal static class AnthropicStreamParser
{
    public static async IAsyncEnumerable<ChatCompletionChunk> ParseAsync(
        Stream body, ProviderEndpoint endpoint, bool wantUsage, long created, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var translator = new AnthropicStreamTranslator(wantUsage, created);
        await using var events = SseReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (!translator.Finished)
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

            // Most events are text deltas: read straight into the translator's reused chunk.
            if (AnthropicTextDeltaReader.TryRead(sse.Data.Span, out var text))
            {
                if (text.Length > 0) yield return translator.TextDelta(text);
                continue;
            }
            var e = Parse(sse.Data.Span, endpoint);
            if (e.Type == "error")
                throw AnthropicErrorTypes.ToException(e.Error, endpoint, "mid-stream");
            foreach (var chunk in translator.Translate(e))
                yield return chunk;
        }
        if (!translator.Finished)
            throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, $"The stream from provider '{endpoint.Name}' ended before message_stop.");
    }

    private static AnthropicStreamEvent Parse(ReadOnlySpan<byte> data, ProviderEndpoint endpoint)
    {
        try
        {
            return JsonSerializer.Deserialize(data, AnthropicJsonContext.Default.AnthropicStreamEvent)
                ?? throw new JsonException("null event");
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent a stream event that is not valid JSON.", inner: ex);
        }
    }
}
