using Microsoft.AspNetCore.Http;

namespace Switchyard.Server.RequestLog;

/// <summary>
/// Whether this request's answer text is wanted (request_log.bodies): set by the request log's
/// middleware, read by the endpoints, which otherwise keep no text of a stream.
/// </summary>
public static class RequestLogCapture
{
    private const string ItemKey = "switchyard.request-log.bodies";

    public static void KeepBodies(HttpContext context) => context.Items[ItemKey] = true;

    public static bool KeepsBodies(HttpContext context) => context.Items.ContainsKey(ItemKey);
}
