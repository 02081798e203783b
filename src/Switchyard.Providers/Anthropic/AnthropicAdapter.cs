using System.Runtime.CompilerServices;
using Switchyard.Core.Chat;
using Switchyard.Core.Upstream;
using Switchyard.Providers.Http;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic's Messages API: POST {base}/v1/messages with x-api-key and anthropic-version. The
/// base is scheme and host, as the Anthropic SDKs take ANTHROPIC_BASE_URL; a base already ending
/// in /v1 is tolerated. Anthropic has no embeddings API.
/// </summary>
public sealed class AnthropicAdapter(HttpMessageInvoker http, TimeProvider? timeProvider = null) : IProviderAdapter
{
    public const string WireKind = "anthropic";

    /// <summary>The API version every current Anthropic SDK sends; features come through anthropic-beta headers, not this.</summary>
    public const string ApiVersion = "2023-06-01";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Kind => WireKind;

    public async Task<ChatCompletion> CompleteAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(call, stream: false);
        using var response = await UpstreamHttp.SendAsync(http, request, call.Endpoint, call.Response, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await AnthropicResponseMapper.ReadAsync(body, call.Endpoint, Now(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not UpstreamException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw UpstreamHttp.BodyReadFailure(ex, call.Endpoint, cancellationToken);
        }
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = CreateRequest(call, stream: true);
        using var response = await UpstreamHttp.SendAsync(http, request, call.Endpoint, call.Response, cancellationToken).ConfigureAwait(false);
        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw UpstreamHttp.BodyReadFailure(ex, call.Endpoint, cancellationToken);
        }
        await using (body)
        {
            await foreach (var chunk in AnthropicStreamParser.ParseAsync(body, call.Endpoint, call.WantUsage, Now(), cancellationToken).ConfigureAwait(false))
                yield return chunk;
        }
    }

    public Task<EmbeddingResponse> EmbedAsync(UpstreamEmbeddingCall call, CancellationToken cancellationToken) =>
        throw new UpstreamException(UpstreamErrorKind.Unsupported,
            $"Anthropic has no embeddings API; provider '{call.Endpoint.Name}' cannot serve embeddings.");

    /// <summary>Builds the wire request; mapping errors (BadRequest) surface here, before anything is sent.</summary>
    private static HttpRequestMessage CreateRequest(UpstreamCall call, bool stream)
    {
        var wire = AnthropicRequestMapper.ToWire(call, stream);
        var endpoint = call.Endpoint;
        var request = new HttpRequestMessage(HttpMethod.Post, MessagesUrl(endpoint.BaseUrl))
        {
            Content = JsonBody.Create(wire, AnthropicJsonContext.Default.AnthropicRequest),
        };
        foreach (var (name, value) in endpoint.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (!string.IsNullOrEmpty(endpoint.ApiKey) && !request.Headers.Contains("x-api-key"))
            request.Headers.TryAddWithoutValidation("x-api-key", endpoint.ApiKey);
        // Configured headers win (a newer version, a proxy's own auth), so these are only defaults.
        if (!request.Headers.Contains("anthropic-version"))
            request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        return request;
    }

    internal static Uri MessagesUrl(Uri baseUrl)
    {
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        return JsonBody.Combine(baseUrl, path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? "messages" : "v1/messages");
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();
}
