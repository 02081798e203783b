using Switchyard.Core.Chat;

namespace Switchyard.Core.Upstream;

/// <summary>
/// Speaks one wire format. Maps the canonical (OpenAI-shaped) request to the provider's wire request
/// and the provider's answer or stream back to canonical shapes. Adapters never retry, never fall
/// back and never choose a model: the executor does that. They report every failure as an
/// <see cref="UpstreamException"/>.
/// </summary>
public interface IProviderAdapter
{
    /// <summary>The wire format this adapter speaks, as written in config: "openai", "anthropic", "gemini".</summary>
    string Kind { get; }

    Task<ChatCompletion> CompleteAsync(UpstreamCall call, CancellationToken cancellationToken);

    /// <summary>
    /// Streams canonical chunks. The enumeration throws <see cref="UpstreamException"/> when the
    /// upstream fails, before or after the first chunk. When <see cref="UpstreamCall.WantUsage"/> is
    /// set, the last chunk carries usage with empty choices (as OpenAI's include_usage does).
    /// Each chunk is lent until the consumer asks for the next one: adapters refill one chunk object
    /// for a stream's text deltas (a new object graph per delta was most of a forwarded chunk's
    /// allocation), so a consumer that keeps a chunk longer keeps <see cref="ChatCompletionChunk.Clone"/>.
    /// </summary>
    IAsyncEnumerable<ChatCompletionChunk> StreamAsync(UpstreamCall call, CancellationToken cancellationToken);

    /// <summary>Embeddings; adapters whose provider has no OpenAI-compatible embeddings throw <see cref="UpstreamException"/> with <see cref="UpstreamErrorKind.Unsupported"/>.</summary>
    Task<EmbeddingResponse> EmbedAsync(UpstreamEmbeddingCall call, CancellationToken cancellationToken);
}
