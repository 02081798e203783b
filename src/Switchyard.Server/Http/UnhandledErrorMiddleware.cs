using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Gateway;

namespace Switchyard.Server.Http;

/// <summary>
/// The last line of defence: an exception no endpoint expected is a gateway bug. It is logged with
/// the request id, and the client gets a 500 in the OpenAI shape (or, mid-stream, an aborted
/// connection), never a stack trace and never a dead process.
/// </summary>
public sealed partial class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            Failed(logger, ex, RequestIdMiddleware.Of(context), context.Request.Path);
            if (context.Response.HasStarted) { context.Abort(); return; }
            context.Response.Clear();
            await ErrorWriter.WriteAsync(context, new GatewayException(500, "server_error", "internal_error",
                $"The gateway failed unexpectedly; the request id {RequestIdMiddleware.Of(context)} finds the details in its log."));
        }
        catch (OperationCanceledException)
        {
            // The client went away: nothing to answer.
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unhandled error in {RequestId} {Path}")]
    private static partial void Failed(ILogger logger, Exception exception, string requestId, string path);
}
