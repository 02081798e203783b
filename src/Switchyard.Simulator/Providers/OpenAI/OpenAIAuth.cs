using Microsoft.AspNetCore.Http;

namespace Switchyard.Simulator.Providers.OpenAI;

internal static class OpenAIAuth
{
    /// <summary>Any non-empty bearer token is accepted: the simulator checks presence, not validity.</summary>
    public static bool HasKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length && !string.IsNullOrWhiteSpace(header[7..]);
    }
}
