using System.Runtime.CompilerServices;
using System.Text.Json;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;
using Switchyard.Providers.Sse;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Reads a streamGenerateContent?alt=sse body (CRLF-framed data events, each a partial
/// GenerateContentResponse, no [DONE]). Gemini marks the end only with a finishReason, so a stream
/// that closes before every candidate has one was cut, and says so.
/// </summary>
internal static class GeminiStreamParser
{
    public static async IAsyncEnumerable<ChatCompletionChunk> ParseAsync(
        Stream body, UpstreamCall call, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var endpoint = call.Endpoint;
        GeminiStreamState? state = null;
        await using var events = SseReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await NextExistsAsync(events, endpoint, cancellationToken).ConfigureAwait(false))
        {
            var sse = events.Current;
            if (sse.IsDone) continue; // Gemini sends none; a proxy in between might.

            // Most events are one candidate's next words: read straight into the reused chunk.
            if (state is not null && GeminiTextEventReader.TryRead(sse.Data.Span, out var textEvent)
                && state.TryReadText(textEvent, out var textChunk))
            {
                if (textChunk is not null) yield return textChunk;
                continue;
            }

            if (TryParse(sse.Data.Span) is not { } response)
            {
                // The reader hands over a last event that lacked its blank line; a cut inside the JSON
                // looks like bad JSON but is an interrupted stream.
                if (!await NextExistsAsync(events, endpoint, cancellationToken).ConfigureAwait(false))
                    throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, $"The stream from provider '{endpoint.Name}' ended in the middle of an event.");
                throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{endpoint.Name}' sent a stream event that is not valid JSON.");
            }
            GeminiResponseChecks.ThrowIfError(response, endpoint, UpstreamErrorKind.StreamInterrupted);
            if (response.Candidates is not { Count: > 0 } && response.PromptFeedback?.BlockReason is not null)
                GeminiResponseChecks.ThrowIfNoCandidates(response, endpoint);

            state ??= new GeminiStreamState(GeminiResponseChecks.CompletionId(response), response.ModelVersion ?? call.UpstreamModel, now.ToUnixTimeSeconds());
            foreach (var chunk in state.Read(response)) yield return chunk;
        }
        if (state is not { IsComplete: true })
            throw new UpstreamException(UpstreamErrorKind.StreamInterrupted, $"The stream from provider '{endpoint.Name}' ended before a finishReason.");
        if (call.WantUsage && state.LastUsage is { } usage)
            yield return state.UsageChunk(usage);
    }

    private static GeminiResponse? TryParse(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, GeminiJsonContext.Default.GeminiResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A pooled ValueTask: on a live stream every event's read suspends, and a Task per event cost ~100 B per chunk.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> NextExistsAsync(IAsyncEnumerator<SseEvent> events, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw UpstreamHttp.BodyReadFailure(ex, endpoint, cancellationToken);
        }
    }
}
