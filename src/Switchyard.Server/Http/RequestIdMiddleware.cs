using Microsoft.AspNetCore.Http;

namespace Switchyard.Server.Http;

/// <summary>
/// Gives every response an x-request-id: the client's own when it sent a sane one (so traces join
/// up across services), otherwise a new one.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string ItemKey = "switchyard.request-id";

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[SwitchyardHeaders.RequestId].ToString();
        var id = IsSafe(incoming) ? incoming : "req_" + Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.Headers[SwitchyardHeaders.RequestId] = id;
        return next(context);
    }

    public static string Of(HttpContext context) => context.Items[ItemKey] as string ?? "";

    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
