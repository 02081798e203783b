using Switchyard.Core.Execution;
using Switchyard.Core.Health;
using Switchyard.Core.Upstream;
using static Switchyard.Core.Tests.Execution.ExecutorHarness;

namespace Switchyard.Core.Tests.Execution;

/// <summary>Per-attempt timeouts and stream stalls, on fake time.</summary>
public class ChatExecutorTimeoutTests
{
    private static readonly ResilienceSettings NoRetries = ResilienceSettings.Default with { MaxRetries = 0 };

    [Fact]
    public async Task A_call_that_outlives_the_attempt_timeout_fails_and_falls_back()
    {
        var h = new ExecutorHarness(NoRetries with { AttemptTimeout = TimeSpan.FromSeconds(30) });
        h.Upstream.Script("model-a", new Step.Hang());
        var started = h.Time.GetUtcNow();
        var (completion, _) = await h.Complete(A, B);
        Assert.Equal("model-b", completion.Model);
        Assert.Equal(["pa/model-a:Timeout", "pb/model-b:ok"], h.Outcomes);
        Assert.Equal(TimeSpan.FromSeconds(30), h.Upstream.Calls[1].At - started);
        Assert.Contains("attempt timeout of 30 s", h.Trace.Attempts[0].Error);
        Assert.Contains("30 s", h.Health.Snapshot(A.Id).LastError);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_like_any_transient_failure()
    {
        var h = new ExecutorHarness(ResilienceSettings.Default with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        h.Upstream.Script("model-a", new Step.Hang());
        await h.Complete(A, B);
        Assert.Equal(["pa/model-a:Timeout", "pa/model-a:ok"], h.Outcomes);
    }

    [Fact]
    public async Task A_slow_non_streaming_answer_within_the_total_is_not_cut_by_the_first_byte_timeout()
    {
        // A non-streaming answer arrives whole, so the first-byte limit does not apply to it.
        var h = new ExecutorHarness(NoRetries with { FirstByteTimeout = TimeSpan.FromSeconds(10) });
        h.Upstream.Script("model-a", new Step.Ok(Latency: TimeSpan.FromSeconds(45)));
        var (completion, _) = await h.Complete(A, B);
        Assert.Equal("model-a", completion.Model);
    }

    [Fact]
    public async Task A_stream_without_a_first_chunk_in_time_falls_back()
    {
        var h = new ExecutorHarness(NoRetries with { FirstByteTimeout = TimeSpan.FromSeconds(60) });
        h.Upstream.Script("model-a", new Step.Hang());
        var started = h.Time.GetUtcNow();
        var start = await h.Stream(A, B);
        await using var rest = start.Rest;
        Assert.Equal(B, start.Deployment);
        Assert.Equal(["pa/model-a:Timeout", "pb/model-b:ok"], h.Outcomes);
        Assert.Equal(TimeSpan.FromSeconds(60), h.Upstream.Calls[1].At - started);
    }

    [Fact]
    public async Task A_stream_cut_before_its_first_chunk_is_retried()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.CutAfter(0));
        var start = await h.Stream(A, B);
        await using var rest = start.Rest;
        Assert.Equal(A, start.Deployment);
        Assert.Equal(["pa/model-a:StreamInterrupted", "pa/model-a:ok"], h.Outcomes);
    }

    [Fact]
    public async Task A_stream_that_stalls_after_its_first_chunk_ends_with_an_upstream_failure()
    {
        var h = new ExecutorHarness(NoRetries with { StreamStall = TimeSpan.FromSeconds(30) });
        h.Upstream.Script("model-a", new Step.StallAfter(2));
        var start = await h.Stream(A, B);
        Assert.Equal(A, start.Deployment);
        Assert.True(await h.Time.RunAsync(start.Rest.MoveNextAsync().AsTask()));
        var stallStarted = h.Time.GetUtcNow();
        var ex = await Assert.ThrowsAsync<UpstreamException>(() => h.Time.RunAsync(start.Rest.MoveNextAsync().AsTask()));
        await start.Rest.DisposeAsync();

        Assert.Equal(UpstreamErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("no chunk for 30 s", ex.Message);
        Assert.Equal(TimeSpan.FromSeconds(30), h.Time.GetUtcNow() - stallStarted);
        Assert.Equal(0, h.Upstream.CallsTo("model-b")); // after the first byte there is no fallback
        var health = h.Health.Snapshot(A.Id);
        Assert.Equal(0.0, health.SuccessRate);
        Assert.Contains("stalled", health.LastError);
    }

    [Fact]
    public async Task Chunks_that_keep_coming_reset_the_stall_clock_but_the_stream_total_still_applies()
    {
        var h = new ExecutorHarness(NoRetries with { StreamStall = TimeSpan.FromSeconds(30), AttemptTimeout = TimeSpan.FromSeconds(100) });
        h.Upstream.Script("model-a", new Step.Ok(Chunks: 10, Gap: TimeSpan.FromSeconds(20)));
        var start = await h.Stream(A);
        var chunks = 1;
        var ex = await Assert.ThrowsAsync<UpstreamException>(async () =>
        {
            while (await h.Time.RunAsync(start.Rest.MoveNextAsync().AsTask())) chunks++;
        });
        await start.Rest.DisposeAsync();
        Assert.Equal(UpstreamErrorKind.Timeout, ex.Kind);
        Assert.Equal(5, chunks); // chunks at 0, 20, 40, 60, 80 s; the next would come at 100 s
        Assert.Contains("attempt timeout of 100 s", ex.Message);
    }

    [Fact]
    public async Task A_stream_reports_time_to_first_chunk_and_tokens_per_second_when_it_ends()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.Ok(Latency: TimeSpan.FromMilliseconds(300), Chunks: 3, Gap: TimeSpan.FromSeconds(1), OutputTokens: 30));
        var start = await h.Stream(A);
        Assert.Equal(0, h.Health.Snapshot(A.Id).Requests); // reported once the stream has ended
        while (await h.Time.RunAsync(start.Rest.MoveNextAsync().AsTask())) { }
        await start.Rest.DisposeAsync();
        var health = h.Health.Snapshot(A.Id);
        Assert.Equal(1, health.Requests);
        Assert.InRange(health.P50LatencyMs!.Value, 270, 330);   // time to first chunk, not the whole stream
        Assert.InRange(health.TokensPerSecond!.Value, 12, 14);  // 30 tokens over 2.3 s
    }

    [Fact]
    public async Task A_stream_cut_after_its_first_chunk_fails_without_fallback_and_counts_against_the_deployment()
    {
        var h = new ExecutorHarness();
        h.Upstream.Script("model-a", new Step.CutAfter(2));
        var start = await h.Stream(A, B);
        Assert.True(await start.Rest.MoveNextAsync());
        await Assert.ThrowsAsync<UpstreamException>(() => start.Rest.MoveNextAsync().AsTask());
        await start.Rest.DisposeAsync();
        Assert.Equal(0, h.Upstream.CallsTo("model-b"));
        Assert.Equal(1, h.Health.Snapshot(A.Id).Requests);
        Assert.Equal(0.0, h.Health.Snapshot(A.Id).SuccessRate);
    }

    [Fact]
    public async Task A_half_open_breaker_lets_one_trial_through_and_a_good_one_closes_it()
    {
        var h = new ExecutorHarness();
        for (var i = 0; i < 10; i++) h.Health.RecordAttempt(new AttemptOutcome(A.Id, false, TimeSpan.FromMilliseconds(5), "ServerError"));
        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(BreakerState.HalfOpen, h.Health.Snapshot(A.Id).State);
        await h.Complete(A, B);
        Assert.Equal(["pa/model-a:ok"], h.Outcomes);
        Assert.Equal(BreakerState.Closed, h.Health.Snapshot(A.Id).State);
    }
}
