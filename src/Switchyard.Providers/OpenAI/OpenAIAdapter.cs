using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// OpenAI and every OpenAI-compatible server (DeepSeek, Mistral, Together, Groq, OpenRouter,
/// Ollama, vLLM, llama.cpp): POST {base}/chat/completions and {base}/embeddings, Bearer auth.
/// </summary>
public sealed class OpenAIAdapter(HttpMessageInvoker http) : IProviderAdapter
{
    public const string WireKind = "openai";

    public string Kind => WireKind;

    public Task<ChatCompletion> CompleteAsync(UpstreamCall call, CancellationToken cancellationToken) =>
        PostAsync(call.Endpoint, "chat/completions", JsonBody.Create(ChatRequestWriter.ToUtf8Bytes(OpenAIRequestMapper.ToWire(call))),
            call.Response, OpenAIResponseMapper.ReadCompletionAsync, cancellationToken);

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = CreateRequest(call.Endpoint, "chat/completions");
        request.Content = JsonBody.Create(ChatRequestWriter.ToUtf8Bytes(OpenAIRequestMapper.ToWire(call)));
        using var response = await UpstreamHttp.SendAsync(http, request, call.Endpoint, call.Response, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in OpenAIStreamParser.ParseAsync(body, call.Endpoint, cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    public Task<EmbeddingResponse> EmbedAsync(UpstreamEmbeddingCall call, CancellationToken cancellationToken) =>
        PostAsync(call.Endpoint, "embeddings", JsonBody.Create(OpenAIRequestMapper.ToWire(call), ChatJsonContext.Default.EmbeddingRequest),
            call.Response, OpenAIResponseMapper.ReadEmbeddingsAsync, cancellationToken);

    /// <summary>One non-streaming call: send, then read the whole answer with <paramref name="read"/>.</summary>
    private async Task<T> PostAsync<T>(ProviderEndpoint endpoint, string path, HttpContent content, UpstreamResponseInfo info,
        Func<Stream, ProviderEndpoint, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(endpoint, path);
        request.Content = content;
        using var response = await UpstreamHttp.SendAsync(http, request, endpoint, info, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await read(body, endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not UpstreamException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw UpstreamHttp.BodyReadFailure(ex, endpoint, cancellationToken);
        }
    }

    private static HttpRequestMessage CreateRequest(ProviderEndpoint endpoint, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, JsonBody.Combine(endpoint.BaseUrl, path));
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
        foreach (var (name, value) in endpoint.Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
