using Microsoft.AspNetCore.Http;
using Switchyard.Core.Gateway;
using Switchyard.Server.Http;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.RequestLog;

/// <summary>
/// Before a logged request (POST /v1/..., feedback aside) runs: refuses it with 503 while the
/// request log has nowhere to put its row (store down, spill file full, request_log.on_full:
/// fail_closed), and marks it for body capture when request_log.bodies is on.
/// </summary>
public sealed class RequestLogAdmission(RequestDelegate next, RequestLogWriter writer, RequestLogRowBuilder rows)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments("/v1") || request.Path.StartsWithSegments("/v1/feedback"))
            return next(context);
        if (writer.Refusing)
            return ErrorWriter.WriteAsync(context, new GatewayException(503, "service_unavailable", "request_log_full",
                "The request log cannot record more requests: its store is down and its spill file is full, so requests are refused " +
                "rather than served unrecorded (request_log.on_full: fail_closed). They are accepted again once the store is back.")
            { RetryAfterSeconds = 5 });
        if (rows.KeepsBodies) RequestLogCapture.KeepBodies(context);
        return next(context);
    }
}
