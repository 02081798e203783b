using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Providers.Anthropic;

/// <summary>
/// Anthropic errors (<c>{"type":"error","error":{"type","message"},"request_id"}</c>), the
/// <c>request-id</c> header, <c>anthropic-ratelimit-*</c> headers and the in-stream
/// <c>event: error</c>.
/// </summary>
internal sealed class AnthropicDialect : ProviderDialect
{
    public static readonly AnthropicDialect Instance = new();

    public override string? RequestIdHeader => "request-id";

    public override void WriteError(Utf8JsonWriter w, SimError error, string? requestId)
    {
        WriteErrorObject(w, error);
        if (requestId is not null) w.WriteString("request_id", requestId);
        w.WriteEndObject();
    }

    public override void WriteStreamError(SseSink sink, SimError error, string? requestId)
    {
        // In a stream the payload has no request_id (see overloaded-529.json / test_streaming.py).
        sink.StartFrame("error");
        WriteErrorObject(sink.Json, error);
        sink.Json.WriteEndObject();
        sink.FinishFrame();
    }

    private static void WriteErrorObject(Utf8JsonWriter w, SimError error)
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", TypeOf(error.Kind));
        w.WriteString("message", error.Message);
        w.WriteEndObject();
    }

    private static string TypeOf(SimErrorKind kind) => kind switch
    {
        SimErrorKind.Authentication => "authentication_error",
        SimErrorKind.PermissionDenied => "permission_error",
        SimErrorKind.NotFound => "not_found_error",
        SimErrorKind.RateLimitRequests or SimErrorKind.RateLimitTokens => "rate_limit_error",
        SimErrorKind.ServerError or SimErrorKind.Unavailable => "api_error",
        SimErrorKind.Overloaded => "overloaded_error",
        SimErrorKind.Timeout => "timeout_error",
        _ => "invalid_request_error",
    };

    public override SimError ContextLength(int promptTokens, int contextWindow) =>
        new(400, SimErrorKind.ContextLength, $"prompt is too long: {promptTokens} tokens > {contextWindow} maximum");

    public override SimError UnknownModel(string model) => new(404, SimErrorKind.NotFound, $"model: {model}");

    public override void AddRateLimitHeaders(IHeaderDictionary headers, RateLimitSnapshot limits, DateTimeOffset now)
    {
        if (limits.RequestLimit > 0)
        {
            Add(headers, "requests", limits.RequestLimit, limits.RequestsRemaining, now + limits.RequestsReset);
        }
        if (limits.TokenLimit > 0)
        {
            var reset = now + limits.TokensReset;
            Add(headers, "tokens", limits.TokenLimit, limits.TokensRemaining, reset);
            Add(headers, "input-tokens", limits.TokenLimit, limits.InputTokensRemaining, reset);
            Add(headers, "output-tokens", limits.TokenLimit, limits.OutputTokensRemaining, reset);
        }
    }

    /// <summary>Resets are RFC 3339 instants in whole seconds, as in headers-ratelimit.txt.</summary>
    private static void Add(IHeaderDictionary headers, string kind, int limit, int remaining, DateTimeOffset reset)
    {
        headers[$"anthropic-ratelimit-{kind}-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers[$"anthropic-ratelimit-{kind}-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers[$"anthropic-ratelimit-{kind}-reset"] = reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
