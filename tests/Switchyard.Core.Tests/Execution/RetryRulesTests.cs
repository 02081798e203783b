using Switchyard.Core.Execution;
using Switchyard.Core.Routing;
using Switchyard.Core.Upstream;
using static Switchyard.Core.Tests.Execution.ExecutorHarness;

namespace Switchyard.Core.Tests.Execution;

/// <summary>Backoff with full jitter, Retry-After within the cap, the deadline, and what is worth retrying.</summary>
public class RetryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 250)]
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(5, 8000)]
    [InlineData(6, 10_000)] // 16 s, capped at 10 s
    [InlineData(40, 10_000)]
    public void Backoff_draws_uniformly_below_the_capped_exponential(int retry, double ceilingMs)
    {
        var random = new SeededRandom(retry + 1);
        var draws = Enumerable.Range(0, 2000).Select(_ => RetryRules.Backoff(retry, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), random).TotalMilliseconds).ToList();
        Assert.All(draws, d => Assert.InRange(d, 0, ceilingMs));
        Assert.True(draws.Max() > ceilingMs * 0.98, "full jitter reaches up to the ceiling");
        Assert.True(draws.Min() < ceilingMs * 0.02, "full jitter reaches down to zero");
        Assert.InRange(draws.Average(), ceilingMs * 0.45, ceilingMs * 0.55);
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        TimeSpan[] Run() { var r = new SeededRandom(9); return [.. Enumerable.Range(0, 5).Select(i => RetryRules.Backoff(i, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), r))]; }
        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData(UpstreamErrorKind.Connection, null, true)]
    [InlineData(UpstreamErrorKind.Timeout, null, true)]
    [InlineData(UpstreamErrorKind.RateLimited, 429, true)]
    [InlineData(UpstreamErrorKind.ServerError, 500, true)]
    [InlineData(UpstreamErrorKind.ServerError, 502, true)]
    [InlineData(UpstreamErrorKind.ServerError, 503, true)]
    [InlineData(UpstreamErrorKind.ServerError, 504, true)]
    [InlineData(UpstreamErrorKind.ServerError, 529, true)]
    [InlineData(UpstreamErrorKind.ServerError, 501, false)]
    [InlineData(UpstreamErrorKind.MalformedResponse, 200, true)]
    [InlineData(UpstreamErrorKind.StreamInterrupted, 200, true)]
    [InlineData(UpstreamErrorKind.BadRequest, 400, false)]
    [InlineData(UpstreamErrorKind.ContextLength, 400, false)]
    [InlineData(UpstreamErrorKind.ContentPolicy, 400, false)]
    [InlineData(UpstreamErrorKind.Authentication, 401, false)]
    [InlineData(UpstreamErrorKind.Unsupported, null, false)]
    public void Only_what_can_succeed_on_a_second_try_is_retried(UpstreamErrorKind kind, int? status, bool retryable) =>
        Assert.Equal(retryable, RetryRules.IsRetryable(Error(kind, status)));

    [Fact]
    public void Retry_after_within_the_cap_is_honoured()
    {
        var delay = RetryRules.Delay(Error(UpstreamErrorKind.RateLimited, 429, TimeSpan.FromSeconds(3)), 0, ResilienceSettings.Default, Now, DateTimeOffset.MaxValue, new SeededRandom(1));
        Assert.Equal(TimeSpan.FromSeconds(3), delay); // the jittered backoff (< 250 ms) is shorter: Retry-After wins
    }

    [Fact]
    public void Retry_after_beyond_the_cap_means_move_on()
    {
        var settings = ResilienceSettings.Default with { RetryMaxDelay = TimeSpan.FromSeconds(10) };
        Assert.Null(RetryRules.Delay(Error(UpstreamErrorKind.RateLimited, 429, TimeSpan.FromSeconds(11)), 0, settings, Now, DateTimeOffset.MaxValue, new SeededRandom(1)));
        Assert.NotNull(RetryRules.Delay(Error(UpstreamErrorKind.RateLimited, 429, TimeSpan.FromSeconds(10)), 0, settings, Now, DateTimeOffset.MaxValue, new SeededRandom(1)));
    }

    [Fact]
    public void A_wait_that_would_end_past_the_deadline_is_not_started()
    {
        var error = Error(UpstreamErrorKind.ServerError, 503, TimeSpan.FromSeconds(2));
        Assert.Null(RetryRules.Delay(error, 0, ResilienceSettings.Default, Now, Now.AddSeconds(1.5), new SeededRandom(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryRules.Delay(error, 0, ResilienceSettings.Default, Now, Now.AddSeconds(3), new SeededRandom(1)));
    }

    [Fact]
    public void Retries_stop_after_max_retries()
    {
        var settings = ResilienceSettings.Default with { MaxRetries = 2 };
        var error = Error(UpstreamErrorKind.ServerError, 503);
        Assert.NotNull(RetryRules.Delay(error, 1, settings, Now, DateTimeOffset.MaxValue, new SeededRandom(1)));
        Assert.Null(RetryRules.Delay(error, 2, settings, Now, DateTimeOffset.MaxValue, new SeededRandom(1)));
    }
}
