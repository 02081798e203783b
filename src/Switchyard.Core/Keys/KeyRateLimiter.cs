using System.Collections.Concurrent;

namespace Switchyard.Core.Keys;

/// <summary>How a rate-limit check ended, with what the x-ratelimit-* headers report.</summary>
/// <param name="Allowed">False: answer 429 with Retry-After = <paramref name="RetryAfter"/>.</param>
/// <param name="Limit">"requests" or "tokens" and the scope that refused ("key" or "model"), for the message.</param>
public sealed record RateLimitResult(
    bool Allowed,
    TimeSpan RetryAfter,
    string? Limit,
    RateLimitState? Requests,
    RateLimitState? Tokens);

/// <summary>One bucket's figures for the headers: the per-minute limit, what is left, and when it is full again.</summary>
public readonly record struct RateLimitState(long Limit, long Remaining, TimeSpan Reset);

/// <summary>
/// Requests and tokens per minute per key and per key-and-model, as token buckets in this process
/// (limits are per replica). Tokens are taken at admission as the estimate (prompt + expected output)
/// and corrected by the actual count afterwards through <see cref="Settle"/>. Buckets are rebuilt when
/// a key's limits change.
/// </summary>
public sealed class KeyRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TokenBucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Checks every limit of the key (whole key first, then the model); takes from all of them only when all allow.</summary>
    public RateLimitResult TryAdmit(string keyId, RateLimits limits, string model, long estimatedTokens)
    {
        if (!limits.Any) return new RateLimitResult(true, TimeSpan.Zero, null, null, null);
        var checks = new List<(TokenBucket Bucket, long Amount, string Name)>(4);
        if (limits.Rpm is { } rpm) checks.Add((Bucket($"{keyId}|rpm|{rpm}", rpm), 1, "requests per minute of the key"));
        if (limits.ModelRpm is { } mrpm) checks.Add((Bucket($"{keyId}|rpm|{mrpm}|{model}", mrpm), 1, $"requests per minute of the key on '{model}'"));
        if (limits.Tpm is { } tpm) checks.Add((Bucket($"{keyId}|tpm|{tpm}", tpm), estimatedTokens, "tokens per minute of the key"));
        if (limits.ModelTpm is { } mtpm) checks.Add((Bucket($"{keyId}|tpm|{mtpm}|{model}", mtpm), estimatedTokens, $"tokens per minute of the key on '{model}'"));

        var taken = 0;
        for (; taken < checks.Count; taken++)
        {
            var (bucket, amount, name) = checks[taken];
            if (bucket.TryTake(amount, out var retry)) continue;
            for (var i = 0; i < taken; i++) checks[i].Bucket.Adjust(checks[i].Amount); // undo: a refused request uses nothing
            return new RateLimitResult(false, retry, name, State(limits, keyId, model, requests: true), State(limits, keyId, model, requests: false));
        }
        return new RateLimitResult(true, TimeSpan.Zero, null, State(limits, keyId, model, requests: true), State(limits, keyId, model, requests: false));
    }

    /// <summary>Replaces the token estimate by the tokens actually used.</summary>
    public void Settle(string keyId, RateLimits limits, string model, long estimatedTokens, long actualTokens)
    {
        var difference = estimatedTokens - actualTokens;
        if (difference == 0) return;
        if (limits.Tpm is { } tpm) Bucket($"{keyId}|tpm|{tpm}", tpm).Adjust(difference);
        if (limits.ModelTpm is { } mtpm) Bucket($"{keyId}|tpm|{mtpm}|{model}", mtpm).Adjust(difference);
    }

    /// <summary>The tightest of the key's request (or token) buckets, as OpenAI reports one figure per kind.</summary>
    private RateLimitState? State(RateLimits limits, string keyId, string model, bool requests)
    {
        var (whole, perModel, kind) = requests ? (limits.Rpm, limits.ModelRpm, "rpm") : (limits.Tpm, limits.ModelTpm, "tpm");
        RateLimitState? best = null;
        if (whole is { } w) best = Of(Bucket($"{keyId}|{kind}|{w}", w));
        if (perModel is { } m)
        {
            var s = Of(Bucket($"{keyId}|{kind}|{m}|{model}", m));
            if (best is null || s.Remaining < best.Value.Remaining) best = s;
        }
        return best;
    }

    private static RateLimitState Of(TokenBucket bucket) => new(bucket.Capacity, bucket.Remaining, bucket.ResetAfter);

    // The limit is part of the bucket's name, so a changed limit starts a fresh bucket.
    private TokenBucket Bucket(string name, long capacity) => buckets.GetOrAdd(name, static (_, s) => new TokenBucket(s.capacity, s.time), (capacity, time));
}
