namespace Switchyard.Core.Keys;

/// <summary>
/// A token bucket holding up to <see cref="Capacity"/> tokens, refilled continuously at capacity per
/// minute (so "60 requests per minute" allows a burst of 60, then one a second). Time comes from a
/// <see cref="TimeProvider"/>, so tests move it by hand. Thread-safe.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private double tokens;
    private long lastTimestamp;

    public TokenBucket(long capacity, TimeProvider time)
    {
        Capacity = capacity;
        this.time = time;
        tokens = capacity;
        lastTimestamp = time.GetTimestamp();
    }

    public long Capacity { get; }

    private double PerSecond => Capacity / 60.0;

    /// <summary>Takes <paramref name="amount"/> tokens when there are that many (a request larger than the whole bucket needs a full one).</summary>
    public bool TryTake(long amount, out TimeSpan retryAfter)
    {
        lock (gate)
        {
            Refill();
            var need = Math.Min(amount, Capacity);
            if (tokens >= need)
            {
                tokens -= amount;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromSeconds((need - tokens) / PerSecond);
            return false;
        }
    }

    /// <summary>Gives tokens back (a negative amount takes more): the estimate replaced by the actual count. May go below zero.</summary>
    public void Adjust(long amount)
    {
        lock (gate)
        {
            Refill();
            tokens = Math.Min(Capacity, tokens + amount);
        }
    }

    /// <summary>Whole tokens available now (never negative).</summary>
    public long Remaining
    {
        get { lock (gate) { Refill(); return Math.Max(0, (long)Math.Floor(tokens)); } }
    }

    /// <summary>Time until the bucket is full again (OpenAI's x-ratelimit-reset-*).</summary>
    public TimeSpan ResetAfter
    {
        get { lock (gate) { Refill(); return TimeSpan.FromSeconds(Math.Max(0, Capacity - tokens) / PerSecond); } }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(lastTimestamp, now).TotalSeconds;
        lastTimestamp = now;
        if (elapsed > 0) tokens = Math.Min(Capacity, tokens + elapsed * PerSecond);
    }
}
