using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Google's Gemini API (generativelanguage v1beta): POST {base}/v1beta/models/{model}:generateContent,
/// :streamGenerateContent?alt=sse and :batchEmbedContents. The key goes in the x-goog-api-key header,
/// never in the URL (?key=...) where request logs and error messages would carry it.
/// </summary>
public sealed class GeminiAdapter(HttpMessageInvoker http, TimeProvider? timeProvider = null) : IProviderAdapter
{
    public const string WireKind = "gemini";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Kind => WireKind;

    public async Task<ChatCompletion> CompleteAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var wire = GeminiRequestMapper.ToWire(call);
        using var request = CreateRequest(call.Endpoint, call.UpstreamModel, "generateContent", wire, GeminiJsonContext.Default.GeminiRequest);
        using var response = await SendAsync(request, call.Endpoint, call.Response, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await GeminiResponseMapper.ReadCompletionAsync(body, call, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not UpstreamException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw UpstreamHttp.BodyReadFailure(ex, call.Endpoint, cancellationToken);
        }
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wire = GeminiRequestMapper.ToWire(call);
        using var request = CreateRequest(call.Endpoint, call.UpstreamModel, "streamGenerateContent", wire, GeminiJsonContext.Default.GeminiRequest, "alt=sse");
        using var response = await SendAsync(request, call.Endpoint, call.Response, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var chunk in GeminiStreamParser.ParseAsync(body, call, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    public async Task<EmbeddingResponse> EmbedAsync(UpstreamEmbeddingCall call, CancellationToken cancellationToken)
    {
        var wire = GeminiEmbeddingsMapper.ToWire(call);
        using var request = CreateRequest(call.Endpoint, call.UpstreamModel, "batchEmbedContents", wire, GeminiJsonContext.Default.GeminiBatchEmbedRequest);
        using var response = await SendAsync(request, call.Endpoint, call.Response, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var result = await JsonSerializer.DeserializeAsync(body, GeminiJsonContext.Default.GeminiBatchEmbedResponse, cancellationToken).ConfigureAwait(false);
            return GeminiEmbeddingsMapper.FromWire(result ?? new GeminiBatchEmbedResponse(), call);
        }
        catch (JsonException ex)
        {
            throw new UpstreamException(UpstreamErrorKind.MalformedResponse, $"Provider '{call.Endpoint.Name}' sent a body that is not a Gemini embeddings response.", inner: ex);
        }
        catch (Exception ex) when (ex is not UpstreamException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw UpstreamHttp.BodyReadFailure(ex, call.Endpoint, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, ProviderEndpoint endpoint, UpstreamResponseInfo info, CancellationToken cancellationToken)
    {
        try
        {
            return await UpstreamHttp.SendAsync(http, request, endpoint, info, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException ex) when (GeminiErrors.IsInvalidKey(ex))
        {
            throw GeminiErrors.AsAuthentication(ex);
        }
    }

    private static HttpRequestMessage CreateRequest<T>(ProviderEndpoint endpoint, string model, string method, T body, JsonTypeInfo<T> type, string? query = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GeminiUrls.For(endpoint.BaseUrl, model, method, query))
        {
            Content = JsonBody.Create(body, type),
        };
        if (!string.IsNullOrEmpty(endpoint.ApiKey)) request.Headers.TryAddWithoutValidation("x-goog-api-key", endpoint.ApiKey);
        foreach (var (name, value) in endpoint.Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
