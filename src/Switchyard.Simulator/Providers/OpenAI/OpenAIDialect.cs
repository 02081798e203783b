using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary>OpenAI errors (<c>{"error":{"message","type","param","code"}}</c>), <c>x-request-id</c> and <c>x-ratelimit-*</c> headers.</summary>
internal sealed class OpenAIDialect : ProviderDialect
{
    public static readonly OpenAIDialect Instance = new();

    public override string? RequestIdHeader => "x-request-id";

    public override void WriteError(Utf8JsonWriter w, SimError error, string? requestId)
    {
        var (type, code) = error.Kind switch
        {
            SimErrorKind.NotFound => ("invalid_request_error", "model_not_found"),
            SimErrorKind.ContextLength => ("invalid_request_error", "context_length_exceeded"),
            SimErrorKind.RateLimitRequests => ("requests", "rate_limit_exceeded"),
            SimErrorKind.RateLimitTokens => ("tokens", "rate_limit_exceeded"),
            SimErrorKind.ServerError or SimErrorKind.Unavailable or SimErrorKind.Overloaded or SimErrorKind.Timeout => ("server_error", null),
            _ => ("invalid_request_error", (string?)null),
        };
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", error.Message);
        w.WriteString("type", type);
        w.WriteString("param", error.Param);
        w.WriteString("code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public override SimError ContextLength(int promptTokens, int contextWindow) =>
        new(400, SimErrorKind.ContextLength,
            $"This model's maximum context length is {contextWindow} tokens. However, your messages resulted in {promptTokens} tokens. Please reduce the length of the messages.")
        { Param = "messages" };

    public override SimError UnknownModel(string model) =>
        new(404, SimErrorKind.NotFound, $"The model `{model}` does not exist or you do not have access to it.") { Param = "model" };

    public static SimError MissingKey() =>
        new(401, SimErrorKind.Authentication, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");

    public override void AddRateLimitHeaders(IHeaderDictionary headers, RateLimitSnapshot limits, DateTimeOffset now)
    {
        if (limits.RequestLimit > 0)
        {
            headers["x-ratelimit-limit-requests"] = Number(limits.RequestLimit);
            headers["x-ratelimit-remaining-requests"] = Number(limits.RequestsRemaining);
            headers["x-ratelimit-reset-requests"] = Duration(limits.RequestsReset);
        }
        if (limits.TokenLimit > 0)
        {
            headers["x-ratelimit-limit-tokens"] = Number(limits.TokenLimit);
            headers["x-ratelimit-remaining-tokens"] = Number(limits.TokensRemaining);
            headers["x-ratelimit-reset-tokens"] = Duration(limits.TokensReset);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>OpenAI writes resets as Go durations: "1s", "6m0s", "120ms".</summary>
    internal static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return "0s";
        if (span < TimeSpan.FromSeconds(1)) return $"{Math.Ceiling(span.TotalMilliseconds):0}ms";
        var seconds = (long)Math.Ceiling(span.TotalSeconds);
        return seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }
}
