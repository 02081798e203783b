using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Core.Gateway;

namespace Switchyard.Server.Http;

/// <summary>
/// Deserializes a request body as it streams in (no whole-body buffer), enforcing the size limit
/// first (413) and turning JSON problems into 400s that name the field, never a stack trace.
/// </summary>
public static class RequestBodyReader
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes) where T : class
    {
        if (context.Request.ContentLength > maxBytes) throw GatewayErrors.BodyTooLarge(maxBytes);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
                ?? throw GatewayErrors.InvalidRequest("The request body must be a JSON object, not null.");
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
