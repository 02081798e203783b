using System.Globalization;
using System.Text.Json;
using Switchyard.Simulator.Exchange;

namespace Switchyard.Simulator.Providers.Gemini;

/// <summary>
/// Google API errors (<c>{"error":{"code","message","status"}}</c>, with a RetryInfo detail on
/// 429s), and CRLF-terminated <c>alt=sse</c> frames. Gemini sends no request-id header.
/// </summary>
internal sealed class GeminiDialect : ProviderDialect
{
    public static readonly GeminiDialect Instance = new();

    public override string? RequestIdHeader => null;

    public override byte[] FrameEnd { get; } = "\r\n\r\n"u8.ToArray();

    public override string StreamContentType => "text/event-stream";

    public override void WriteError(Utf8JsonWriter w, SimError error, string? requestId)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", error.Status);
        w.WriteString("message", error.Message);
        w.WriteString("status", StatusOf(error));
        if (error.Status == 429 && error.RetryAfterSeconds is { } seconds)
        {
            w.WriteStartArray("details");
            w.WriteStartObject();
            w.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
            w.WriteString("retryDelay", seconds.ToString(CultureInfo.InvariantCulture) + "s");
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string StatusOf(SimError error) => error.Kind switch
    {
        SimErrorKind.Authentication => "UNAUTHENTICATED",
        SimErrorKind.PermissionDenied => "PERMISSION_DENIED",
        SimErrorKind.NotFound => "NOT_FOUND",
        SimErrorKind.RateLimitRequests or SimErrorKind.RateLimitTokens => "RESOURCE_EXHAUSTED",
        SimErrorKind.Unavailable or SimErrorKind.Overloaded => "UNAVAILABLE",
        SimErrorKind.Timeout => "DEADLINE_EXCEEDED",
        SimErrorKind.ServerError => "INTERNAL",
        _ => error.Status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT",
    };

    public override SimError ContextLength(int promptTokens, int contextWindow) =>
        new(400, SimErrorKind.ContextLength, $"The input token count ({promptTokens}) exceeds the maximum number of tokens allowed ({contextWindow}).");

    public override SimError UnknownModel(string model) =>
        new(404, SimErrorKind.NotFound, $"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");

    /// <summary>What Google answers a call without any API key.</summary>
    public static SimError MissingKey() =>
        new(403, SimErrorKind.PermissionDenied, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
}
