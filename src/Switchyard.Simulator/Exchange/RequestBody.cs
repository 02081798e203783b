using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Simulator.Exchange;

internal static class RequestBody
{
    /// <summary>Parses the body as JSON, or returns null when it is not JSON.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
