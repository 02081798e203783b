using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Core.Gateway;
using Switchyard.Providers.Http;

namespace Switchyard.Server.Http;

/// <summary>
/// Reads a request body into one pooled buffer within the size limit (413 past it), then
/// deserializes it in one synchronous pass (<see cref="PooledBody"/> says why), turning JSON
/// problems into 400s that name the field, never a stack trace.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>How long we keep reading an oversized upload so the client can receive its 413.</summary>
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    /// <summary>A hand-written reader for a hot body type: true with the value, or false to leave the body to the serializer.</summary>
    public delegate bool HandReader<T>(ReadOnlySpan<byte> json, out T? value) where T : class;

    /// <param name="byHand">Tried first (e.g. <see cref="Core.Chat.ChatRequestReader.TryRead"/>); the serializer reads what it declines.</param>
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes, HandReader<T>? byHand = null) where T : class
    {
        var request = context.Request;
        // Kestrel's hard cap is twice our limit: the slack lets us drain an oversized upload (see LimitedReadStream).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap) cap.MaxRequestBodySize = maxBytes * 2;
        if (request.ContentLength > maxBytes)
        {
            // A client that sent Expect: 100-continue has not uploaded the body and never will.
            if (!request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase))
                await DrainAsync(request.Body, context.RequestAborted);
            throw GatewayErrors.BodyTooLarge(maxBytes);
        }
        try
        {
            using var body = await PooledBody.ReadAsync(new LimitedReadStream(request.Body, maxBytes), request.ContentLength, context.RequestAborted);
            if (byHand is not null && byHand(body.Span, out var read)) return read!;
            return JsonSerializer.Deserialize(body.Span, type)
                ?? throw GatewayErrors.InvalidRequest("The request body must be a JSON object, not null.");
        }
        catch (GatewayException ex) when (ex.Status == StatusCodes.Status413PayloadTooLarge)
        {
            await DrainAsync(request.Body, context.RequestAborted);
            throw;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw GatewayErrors.BodyTooLarge(maxBytes);
        }
        catch (JsonException ex)
        {
            throw GatewayErrors.InvalidRequest(Describe(ex), ParamOf(ex.Path));
        }
    }

    /// <summary>Reads and discards what is left of the body, within Kestrel's cap and a short time.</summary>
    private static async Task DrainAsync(Stream body, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(DrainTime);
        var buffer = new byte[16 * 1024];
        try
        {
            while (await body.ReadAsync(buffer, timeout.Token) > 0) { }
        }
        catch (Exception ex) when (ex is BadHttpRequestException or OperationCanceledException or IOException)
        {
            // Over the cap, too slow, or gone: the 413 goes out anyway and Kestrel closes the connection.
        }
    }

    private static string Describe(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
        if (ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) && ParamOf(ex.Path) is { } field)
            return $"'{field}' has the wrong type{where}.";
        if (ex.Message.Contains("does not contain any JSON tokens", StringComparison.Ordinal))
            return "The request body is empty; expected a JSON object.";
        // Our converters (content, stop) throw with a message written for clients.
        if (ex.InnerException is null && !ex.Message.Contains("Path:", StringComparison.Ordinal) && ex.Message.StartsWith('\''))
            return ex.Message;
        return $"The request body is not valid JSON{where}.";
    }

    private static string? ParamOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
