using Microsoft.AspNetCore.Http;
using Switchyard.Core.Gateway;
using Switchyard.Core.Runtime;
using Switchyard.Server.Http;

namespace Switchyard.Server.Keys;

/// <summary>
/// DESIGN.md's access rule for /v1: when keys are required (auth.require_keys, or any virtual key
/// exists) a request needs <c>Authorization: Bearer sk-sy-...</c> naming a live key, else 401
/// invalid_api_key in OpenAI's shape; otherwise it passes whatever it carries. Status order: a body
/// over the limit gets its 413 before the 401. The token is never logged or echoed.
/// </summary>
public sealed class KeyAuthMiddleware(RequestDelegate next, KeyService keys, SnapshotHolder snapshots)
{
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(5);

    // Not async itself: a request that passes hands its whole task on (no state machine of its own per
    // request); only a refusal needs awaiting.
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1") || !keys.Required) return next(context);
        var (identity, refusal) = keys.Authenticate(BearerToken(context.Request.Headers.Authorization.ToString()));
        if (identity is null) return RefuseAsync(context, refusal!);
        KeyRequest.Set(context, identity);
        return next(context);
    }

    private async Task RefuseAsync(HttpContext context, string refusal)
    {
        var limit = snapshots.Current.Server.MaxRequestBodyBytes;
        if (await IsOverLimitAsync(context, limit))
        {
            await ErrorWriter.WriteAsync(context, GatewayErrors.BodyTooLarge(limit));
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ErrorWriter.WriteAsync(context, new GatewayException(401, "invalid_request_error", "invalid_api_key", refusal));
    }

    public static string? BearerToken(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Whether the body is over the limit: by Content-Length when sent, else by reading (and discarding) at most limit + 1 bytes.</summary>
    private static async Task<bool> IsOverLimitAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            if (length <= limit) return false;
            if (!request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase))
                await DrainAsync(request.Body, long.MaxValue, context.RequestAborted);
            return true;
        }
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method)) return false;
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap)
            cap.MaxRequestBodySize = limit * 2;
        return await DrainAsync(request.Body, limit, context.RequestAborted) > limit;
    }

    private static async Task<long> DrainAsync(Stream body, long stopAfter, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(DrainTime);
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while (total <= stopAfter && (read = await body.ReadAsync(buffer, timeout.Token)) > 0) total += read;
        }
        catch (Exception ex) when (ex is BadHttpRequestException or OperationCanceledException or IOException)
        {
            // Over Kestrel's cap, too slow, or gone: over the limit if anything, else too little is known to say 413.
            return ex is BadHttpRequestException ? long.MaxValue : total;
        }
        return total;
    }
}

/// <summary>The authenticated key of a request (HttpContext.Items), for the endpoints and routing.</summary>
public static class KeyRequest
{
    private const string ItemKey = "switchyard.key";

    public static void Set(HttpContext context, KeyIdentity identity) => context.Items[ItemKey] = identity;

    /// <summary>Null for anonymous requests (keys not required).</summary>
    public static KeyIdentity? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as KeyIdentity : null;

    /// <summary>The key's routing policy (allow/deny lists, forced tags, max cost, tier); Open when anonymous.</summary>
    public static Core.Routing.KeyRoutingPolicy PolicyOf(HttpContext context) =>
        Of(context)?.Routing ?? Core.Routing.KeyRoutingPolicy.Open;
}
