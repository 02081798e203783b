using Switchyard.Core.Keys;
using Switchyard.Core.Tests.Execution;

namespace Switchyard.Core.Tests.Keys;

/// <summary>Token buckets per key and per key-and-model, on fake time.</summary>
public class RateLimiterTests
{
    [Fact]
    public void Requests_per_minute_allow_a_burst_then_refill_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new KeyRateLimiter(time);
        var limits = new RateLimits(Rpm: 3);
        for (var i = 0; i < 3; i++) Assert.True(limiter.TryAdmit("k1", limits, "m", 10).Allowed);
        var refused = limiter.TryAdmit("k1", limits, "m", 10);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(20), refused.RetryAfter); // 3 per minute: one every 20 s
        Assert.Equal(0, refused.Requests!.Value.Remaining);
        Assert.Equal(3, refused.Requests.Value.Limit);

        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(limiter.TryAdmit("k1", limits, "m", 10).Allowed);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAdmit("k1", limits, "m", 10).Allowed);
        Assert.True(limiter.TryAdmit("k2", limits, "m", 10).Allowed); // another key has its own bucket
    }

    [Fact]
    public void Tokens_per_minute_take_the_estimate_and_settle_to_the_actual_count()
    {
        var time = new FakeTimeProvider();
        var limiter = new KeyRateLimiter(time);
        var limits = new RateLimits(Tpm: 1000);
        var first = limiter.TryAdmit("k", limits, "m", 600);
        Assert.True(first.Allowed);
        Assert.Equal(400, first.Tokens!.Value.Remaining);
        Assert.False(limiter.TryAdmit("k", limits, "m", 600).Allowed);
        limiter.Settle("k", limits, "m", estimatedTokens: 600, actualTokens: 100); // it used far less
        var second = limiter.TryAdmit("k", limits, "m", 600);
        Assert.True(second.Allowed);
        Assert.Equal(300, second.Tokens!.Value.Remaining);
    }

    [Fact]
    public void Per_model_limits_count_each_model_separately_and_a_refusal_takes_nothing()
    {
        var time = new FakeTimeProvider();
        var limiter = new KeyRateLimiter(time);
        var limits = new RateLimits(Rpm: 3, ModelRpm: 1);
        Assert.True(limiter.TryAdmit("k", limits, "a", 1).Allowed);
        var refused = limiter.TryAdmit("k", limits, "a", 1);
        Assert.False(refused.Allowed);
        Assert.Contains("'a'", refused.Limit);
        // The refusal took none of the key's 3: b and c still fit, d does not.
        Assert.True(limiter.TryAdmit("k", limits, "b", 1).Allowed);
        Assert.True(limiter.TryAdmit("k", limits, "c", 1).Allowed);
        Assert.False(limiter.TryAdmit("k", limits, "d", 1).Allowed);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAdmit("k", limits, "a", 1).Allowed);
    }

    [Fact]
    public void A_bucket_reports_when_it_is_full_again()
    {
        var time = new FakeTimeProvider();
        var bucket = new TokenBucket(60, time);
        Assert.True(bucket.TryTake(30, out _));
        Assert.Equal(30, bucket.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(30), bucket.ResetAfter);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(40, bucket.Remaining);
    }
}
