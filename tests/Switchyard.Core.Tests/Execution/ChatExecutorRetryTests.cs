using Switchyard.Core.Execution;
using Switchyard.Core.Gateway;
using Switchyard.Core.Upstream;
using static Switchyard.Core.Tests.Execution.ExecutorHarness;

namespace Switchyard.Core.Tests.Execution;

/// <summary>Retries at one deployment, then fallback to the next, with every attempt in the trace and in health.</summary>
public class ChatExecutorRetryTests
{
    [Fact]
    public async Task A_transient_failure_is_retried_with_backoff_at_the_same_deployment()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.ServerError, 503)), new Step.Fail(Error(UpstreamErrorKind.Connection)));
        var (completion, _) = await h.Complete(A, B);

        Assert.Equal("model-a", completion.Model);
        Assert.Equal(["pa/model-a:ServerError", "pa/model-a:Connection", "pa/model-a:ok"], h.Outcomes);
        var calls = h.Upstream.Calls.Select(c => c.At).ToList();
        Assert.InRange((calls[1] - calls[0]).TotalMilliseconds, 0, 250);   // retry 0: below base
        Assert.InRange((calls[2] - calls[1]).TotalMilliseconds, 0, 500);   // retry 1: below 2 × base
        Assert.Equal(3, h.Health.Snapshot(A.Id).Requests);
    }

    [Fact]
    public async Task A_bad_request_is_never_retried_nor_sent_elsewhere()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.BadRequest, 400)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Complete(A, B));
        Assert.Equal(400, ex.Status);
        Assert.Equal(["pa/model-a:BadRequest"], h.Outcomes);
        Assert.Equal(1.0, h.Health.Snapshot(A.Id).SuccessRate); // the request's fault, not the deployment's
    }

    [Fact]
    public async Task Retries_spent_then_the_next_deployment_answers()
    {
        var h = new ExecutorHarness();
        h.Upstream.Default = model => model == "model-a" ? new Step.Fail(Error(UpstreamErrorKind.ServerError, 500)) : new Step.Ok();
        var (completion, _) = await h.Complete(A, B);
        Assert.Equal("model-b", completion.Model);
        Assert.Equal(["pa/model-a:ServerError", "pa/model-a:ServerError", "pa/model-a:ServerError", "pb/model-b:ok"], h.Outcomes);
        Assert.Equal(B, h.Trace.Answered);
    }

    [Fact]
    public async Task Every_attempt_failing_is_a_502_naming_each()
    {
        var h = new ExecutorHarness(ResilienceSettings.Default with { MaxRetries = 1 });
        h.Upstream.Default = _ => new Step.Fail(Error(UpstreamErrorKind.ServerError, 503));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Complete(A, B));
        Assert.Equal(502, ex.Status);
        Assert.Equal(4, h.Trace.Attempts.Count);
        Assert.Contains("pa/model-a", ex.Message);
        Assert.Contains("pb/model-b", ex.Message);
    }

    [Theory]
    [InlineData(UpstreamErrorKind.ContextLength, 400)]
    [InlineData(UpstreamErrorKind.Authentication, 401)]
    [InlineData(UpstreamErrorKind.ServerError, 501)]
    public async Task Failures_a_retry_cannot_fix_fall_back_at_once(UpstreamErrorKind kind, int status)
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(kind, status)));
        await h.Complete(A, B);
        Assert.Equal([$"pa/model-a:{kind}", "pb/model-b:ok"], h.Outcomes);
        Assert.Equal(h.Upstream.Calls[0].At, h.Upstream.Calls[1].At); // no wait
    }

    [Fact]
    public async Task A_content_policy_refusal_goes_to_the_client_by_default()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.ContentPolicy, 400)));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Complete(A, B));
        Assert.Equal(400, ex.Status);
        Assert.Equal("content_policy_violation", ex.Code);
        Assert.Single(h.Trace.Attempts);
    }

    [Fact]
    public async Task A_content_policy_refusal_falls_back_when_configured()
    {
        var h = new ExecutorHarness(ResilienceSettings.Default with { FallbackOnContentPolicy = true });
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.ContentPolicy, 400)));
        var (completion, _) = await h.Complete(A, B);
        Assert.Equal("model-b", completion.Model);
        Assert.Equal(["pa/model-a:ContentPolicy", "pb/model-b:ok"], h.Outcomes);
    }

    [Fact]
    public async Task Retry_after_is_waited_for_when_within_the_cap()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.RateLimited, 429, TimeSpan.FromSeconds(3))));
        await h.Complete(A, B);
        Assert.Equal(["pa/model-a:RateLimited", "pa/model-a:ok"], h.Outcomes);
        Assert.Equal(TimeSpan.FromSeconds(3), h.Upstream.Calls[1].At - h.Upstream.Calls[0].At);
    }

    [Fact]
    public async Task Retry_after_ms_values_are_honoured_to_the_millisecond()
    {
        var h = new ExecutorHarness(ResilienceSettings.Default with { RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.ServerError, 503, TimeSpan.FromMilliseconds(1500))));
        await h.Complete(A);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), h.Upstream.Calls[1].At - h.Upstream.Calls[0].At);
    }

    [Fact]
    public async Task Retry_after_beyond_the_cap_moves_to_the_next_deployment_without_waiting()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.RateLimited, 429, TimeSpan.FromSeconds(60))));
        await h.Complete(A, B);
        Assert.Equal(["pa/model-a:RateLimited", "pb/model-b:ok"], h.Outcomes);
        Assert.Equal(h.Upstream.Calls[0].At, h.Upstream.Calls[1].At);
    }

    [Fact]
    public async Task A_retry_after_past_the_deadline_is_not_waited_for()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Fail(Error(UpstreamErrorKind.ServerError, 503, TimeSpan.FromSeconds(5))));
        await h.Complete([A, B], deadline: TimeSpan.FromSeconds(4));
        Assert.Equal(["pa/model-a:ServerError", "pb/model-b:ok"], h.Outcomes);
        Assert.Equal(h.Upstream.Calls[0].At, h.Upstream.Calls[1].At);
    }

    [Fact]
    public async Task The_executor_never_waits_past_the_deadline()
    {
        var h = new ExecutorHarness();
        h.Upstream.Default = _ => new Step.Hang();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20), h.Time);
        var started = h.Time.GetUtcNow();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.CompleteCancellable([A, B], TimeSpan.FromSeconds(20), deadline.Token));
        Assert.Equal(TimeSpan.FromSeconds(20), h.Time.GetUtcNow() - started);
        Assert.Empty(h.Trace.Attempts); // cancelled by the request, not failed by the deployment
        Assert.Equal(0, h.Health.Snapshot(A.Id).Requests);
    }

    [Fact]
    public async Task A_deployment_whose_breaker_opened_after_planning_is_skipped()
    {
        var h = new ExecutorHarness();
        for (var i = 0; i < 10; i++) h.Health.RecordAttempt(new Core.Health.AttemptOutcome(A.Id, false, TimeSpan.FromMilliseconds(5), "ServerError"));
        await h.Complete(A, B);
        Assert.Equal(["pb/model-b:ok"], h.Outcomes);
        Assert.Equal(0, h.Upstream.CallsTo("model-a"));
    }

    [Fact]
    public async Task Every_deployment_skipped_by_its_breaker_is_a_503()
    {
        var h = new ExecutorHarness();
        foreach (var d in new[] { A, B })
            for (var i = 0; i < 10; i++) h.Health.RecordAttempt(new Core.Health.AttemptOutcome(d.Id, false, TimeSpan.FromMilliseconds(5), "ServerError"));
        var ex = await Assert.ThrowsAsync<GatewayException>(() => h.Complete(A, B));
        Assert.Equal(503, ex.Status);
        Assert.Contains("pa/model-a", ex.Message);
        Assert.Contains("pb/model-b", ex.Message);
    }

    [Fact]
    public async Task Retries_stop_when_the_breaker_opens_meanwhile()
    {
        var h = new ExecutorHarness(ResilienceSettings.Default with { MaxRetries = 5 });
        for (var i = 0; i < 8; i++) h.Health.RecordAttempt(new Core.Health.AttemptOutcome(A.Id, false, TimeSpan.FromMilliseconds(5), "ServerError"));
        h.Upstream.Default = model => model == "model-a" ? new Step.Fail(Error(UpstreamErrorKind.ServerError, 503)) : new Step.Ok();
        await h.Complete(A, B);
        // Two more failures reach the minimum throughput and open the breaker: no third attempt at A.
        Assert.Equal(["pa/model-a:ServerError", "pa/model-a:ServerError", "pb/model-b:ok"], h.Outcomes);
    }

    [Fact]
    public async Task Health_learns_latency_tokens_and_rate_limits_from_each_attempt()
    {
        var h = new ExecutorHarness();
        h.Upstream.Default = _ => new Step.Ok(Latency: TimeSpan.FromMilliseconds(400), OutputTokens: 40, RemainingRequests: 90, LimitRequests: 100);
        for (var i = 0; i < 5; i++) await h.Complete(A);
        var snapshot = h.Health.Snapshot(A.Id);
        Assert.Equal(5, snapshot.Requests);
        Assert.InRange(snapshot.P50LatencyMs!.Value, 360, 440);
        Assert.InRange(snapshot.TokensPerSecond!.Value, 99, 101);
        Assert.Equal(90, snapshot.RemainingRequests);
    }
}
