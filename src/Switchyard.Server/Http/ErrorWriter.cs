using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Chat;
using Switchyard.Core.Gateway;

namespace Switchyard.Server.Http;

/// <summary>Writes errors in the OpenAI shape {"error":{"message","type","param","code"}}.</summary>
public static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, GatewayException error)
    {
        var response = context.Response;
        if (response.HasStarted) return Task.CompletedTask; // a stream in progress ends through StreamErrorWriter instead
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        var body = new ErrorResponse { Error = new ErrorBody { Message = error.Message, Type = error.Type, Param = error.Param, Code = error.Code } };
        JsonResponseWriter.Write(response, body, ChatJsonContext.Default.ErrorResponse);
        return Task.CompletedTask; // Task-shaped for its callers' sake; the bytes leave when the handler returns
    }
}
