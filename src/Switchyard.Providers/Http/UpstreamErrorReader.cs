using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Core.Upstream;

namespace Switchyard.Providers.Http;

/// <summary>
/// Turns a non-2xx provider answer into an <see cref="UpstreamException"/>. Understands the three
/// error shapes we speak: OpenAI {"error":{"message","type","code"}}, Anthropic
/// {"type":"error","error":{"type","message"}} and Google {"error":{"code","message","status"}}.
/// This is the failure path, so a JsonDocument is fine here.
/// </summary>
public static class UpstreamErrorReader
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static async Task<UpstreamException> ReadAsync(HttpResponseMessage response, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode is >= 300 and < 400) return Redirect(response, endpoint);
        var body = await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
        var retryAfter = RetryAfterHeader.Read(response, DateTimeOffset.UtcNow);
        return FromBody(response.StatusCode, body, endpoint, retryAfter);
    }

    /// <summary>
    /// The upstream client does not follow redirects (a redirected POST would become a GET), so a
    /// redirect means the provider's base_url is not its final address: a server-side fault, retried
    /// and fallen back from like one, with the address to use instead.
    /// </summary>
    private static UpstreamException Redirect(HttpResponseMessage response, ProviderEndpoint endpoint)
    {
        var location = response.Headers.Location is { } to ? $" to {SecretRedactor.Redact(to.ToString(), endpoint.ApiKey)}" : "";
        return new UpstreamException(UpstreamErrorKind.ServerError,
            $"Provider '{endpoint.Name}' answered {(int)response.StatusCode}, a redirect{location}, which the gateway does not follow: set the provider's base_url to the final address.",
            (int)response.StatusCode);
    }

    public static UpstreamException FromBody(HttpStatusCode status, string body, ProviderEndpoint endpoint, TimeSpan? retryAfter)
    {
        var (message, code) = Parse(body);
        var kind = Classify(status, message, code);
        var text = $"Provider '{endpoint.Name}' answered {(int)status}" + (message is null ? "." : $": {SecretRedactor.Redact(message, endpoint.ApiKey)}");
        return new UpstreamException(kind, text, (int)status, retryAfter) { ProviderCode = code };
    }

    private static UpstreamErrorKind Classify(HttpStatusCode status, string? message, string? code)
    {
        var lower = message?.ToLowerInvariant() ?? "";
        if (code is "context_length_exceeded" || lower.Contains("prompt is too long")
            || lower.Contains("maximum context length") || lower.Contains("exceeds the maximum number of tokens")
            || lower.Contains("context window"))
            return UpstreamErrorKind.ContextLength;
        if (code is "content_policy_violation" or "content_filter" || lower.Contains("content policy") || lower.Contains("content management policy"))
            return UpstreamErrorKind.ContentPolicy;
        return UpstreamHttp.KindForStatus(status);
    }

    private static (string? Message, string? Code) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0) root = root[0]; // Gemini sometimes wraps in a list
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error)) return (Truncate(body), null);
            if (error.ValueKind == JsonValueKind.String) return (error.GetString(), null);
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            string? code = null;
            if (error.TryGetProperty("code", out var c)) code = c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (code is null && error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String) code = t.GetString();
            if (code is null && error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String) code = s.GetString();
            return (message, code);
        }
        catch (JsonException)
        {
            return (Truncate(body), null);
        }
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "…";

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
                total += read;
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return "";
        }
    }
}
