using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Gateway;
using Switchyard.Server.Hosting;
using Switchyard.Server.Http;

namespace Switchyard.Server.Admin;

/// <summary>
/// Who may use /admin/v1: with an admin key set, requests carrying <c>Authorization: Bearer KEY</c>
/// (401 otherwise); with none set, requests from loopback only (403 otherwise), so a gateway
/// started without a key is never administrable from the network.
/// </summary>
public sealed class AdminAuth
{
    /// <summary>SHA-256 of the key: comparing fixed-length digests keeps the comparison constant-time whatever the lengths.</summary>
    private readonly byte[]? keyDigest;

    public AdminAuth(string? adminKey) => keyDigest = adminKey is null ? null : Digest(adminKey);

    public static AdminAuth From(GatewayStartOptions options) => new(AdminKey.Resolve(options.Environment));

    /// <summary>The admin access of a started gateway (registered options), for the start-up banner.</summary>
    public static AdminAuth For(IServiceProvider services) => From(services.GetRequiredService<GatewayStartOptions>());

    public bool KeyRequired => keyDigest is not null;

    /// <summary>One line for start-up: how the admin API is protected.</summary>
    public string Describe() => KeyRequired
        ? $"/admin/v1 requires Authorization: Bearer <{AdminKey.Variable}>."
        : $"/admin/v1 answers loopback requests only ({AdminKey.Variable} is not set).";

    /// <summary>Null when the request may proceed; otherwise the error to answer with.</summary>
    public GatewayException? Check(HttpContext context)
    {
        if (keyDigest is null)
            return IsLoopback(context.Connection.RemoteIpAddress) ? null
                : new GatewayException(403, "permission_denied", "admin_loopback_only",
                    $"The admin API answers only requests from loopback because {AdminKey.Variable} is not set on the gateway.");
        var presented = BearerToken(context.Request.Headers.Authorization.ToString());
        if (presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), keyDigest)) return null;
        return new GatewayException(401, "authentication_error", "invalid_admin_key", presented is null
            ? $"The admin API requires Authorization: Bearer <{AdminKey.Variable}>."
            : "The admin key presented is not valid.");
    }

    /// <summary>Wraps an admin endpoint: the check first, then the endpoint.</summary>
    public RequestDelegate Guard(RequestDelegate endpoint) => async context =>
    {
        if (Check(context) is { } refusal)
        {
            if (refusal.Status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorWriter.WriteAsync(context, refusal);
            return;
        }
        await endpoint(context);
    };

    private static string? BearerToken(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && (IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
