using Switchyard.Core.Routing;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>Which failures are worth another attempt at the same deployment, and how long to wait first.</summary>
public static class RetryRules
{
    /// <summary>
    /// Only what can succeed on a second try: transport failures, timeouts, 429, the 5xx that mean
    /// "busy or broken for now" (500, 502, 503, 504, Anthropic's 529), a body that did not parse,
    /// and a stream cut before its first chunk. Never a 400, an auth failure or a context overflow.
    /// </summary>
    public static bool IsRetryable(UpstreamException ex) => ex.Kind switch
    {
        UpstreamErrorKind.Connection or UpstreamErrorKind.Timeout or UpstreamErrorKind.RateLimited
            or UpstreamErrorKind.MalformedResponse or UpstreamErrorKind.StreamInterrupted => true,
        UpstreamErrorKind.ServerError => ex.StatusCode is null or 500 or 502 or 503 or 504 or 529,
        _ => false,
    };

    /// <summary>
    /// Exponential backoff with full jitter: a uniform draw in [0, min(cap, base × 2^retry)), as
    /// AWS's architecture blog recommends, so clients that failed together do not retry together.
    /// </summary>
    /// <param name="retry">0 for the first retry.</param>
    public static TimeSpan Backoff(int retry, TimeSpan baseDelay, TimeSpan cap, IRandomSource random)
    {
        var ceiling = Math.Min(cap.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(retry, 62)));
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling));
    }

    /// <summary>
    /// The wait before retry <paramref name="retry"/>, or null when the deployment should be left for
    /// the next one: retries spent, not retryable, a Retry-After beyond the cap, or a wait that would
    /// end past the deadline. A Retry-After within the cap is honoured (the wait is at least that).
    /// </summary>
    public static TimeSpan? Delay(UpstreamException ex, int retry, ResilienceSettings settings, DateTimeOffset now, DateTimeOffset deadline, IRandomSource random)
    {
        if (retry >= settings.MaxRetries || !IsRetryable(ex)) return null;
        if (ex.RetryAfter is { } after && after > settings.RetryMaxDelay) return null;
        var delay = Backoff(retry, settings.RetryBaseDelay, settings.RetryMaxDelay, random);
        if (ex.RetryAfter is { } wait && wait > delay) delay = wait;
        if (deadline != DateTimeOffset.MaxValue && now + delay >= deadline) return null;
        return delay;
    }
}
