using Switchyard.Core.Health;
using Switchyard.Core.Tests.Execution;

namespace Switchyard.Core.Tests.Health;

/// <summary>Sliding-window statistics: percentiles, rates, tokens per second, cost, last error.</summary>
public class StatisticsTests
{
    private const string Id = "p/m";
    private readonly FakeTimeProvider time = new();
    private readonly HealthRegistry registry;

    public StatisticsTests() => registry = new HealthRegistry(() => ResilienceHealthSettings.Default, time);

    [Fact]
    public void Percentiles_come_within_ten_percent()
    {
        for (var ms = 1; ms <= 1000; ms++) registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(ms)));
        var s = registry.Snapshot(Id);
        Assert.InRange(s.P50LatencyMs!.Value, 450, 550);
        Assert.InRange(s.P95LatencyMs!.Value, 855, 1045);
        Assert.InRange(s.P99LatencyMs!.Value, 891, 1089);
        Assert.Equal(s.P95LatencyMs, registry.P95LatencyMs(Id));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(12)]
    [InlineData(250)]
    [InlineData(4_000)]
    [InlineData(95_000)]
    public void A_single_latency_reads_back_within_ten_percent(double ms)
    {
        for (var i = 0; i < 10; i++) registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(ms)));
        Assert.InRange(registry.P95LatencyMs(Id)!.Value, ms < 1 ? 0 : ms * 0.9, ms < 1 ? 1 : ms * 1.1);
    }

    [Fact]
    public void Latency_is_unknown_until_there_are_enough_samples()
    {
        Assert.Null(registry.P95LatencyMs(Id));
        for (var i = 0; i < 4; i++) registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(100)));
        Assert.Null(registry.P95LatencyMs(Id));
        registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(100)));
        Assert.NotNull(registry.P95LatencyMs(Id));
    }

    [Fact]
    public void The_window_slides_and_memory_stays_bounded()
    {
        for (var i = 0; i < 100; i++) registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(1000)));
        time.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 100; i++) registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(200, registry.Snapshot(Id).Requests);
        time.Advance(TimeSpan.FromSeconds(35)); // the first hundred are now 65 s old
        var s = registry.Snapshot(Id);
        Assert.Equal(100, s.Requests);
        Assert.InRange(s.P95LatencyMs!.Value, 90, 110);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, registry.Snapshot(Id).Requests);
        Assert.Null(registry.P95LatencyMs(Id));
    }

    [Fact]
    public void Success_rate_tokens_per_second_cost_and_last_error()
    {
        for (var i = 0; i < 3; i++)
            registry.RecordAttempt(new AttemptOutcome(Id, true, TimeSpan.FromMilliseconds(500), OutputTokens: 100, CostUsd: 0.002m, Duration: TimeSpan.FromSeconds(2)));
        registry.RecordAttempt(new AttemptOutcome(Id, false, TimeSpan.FromMilliseconds(50), "RateLimited", "429 from p"));
        var s = registry.Snapshot(Id);
        Assert.Equal(4, s.Requests);
        Assert.Equal(0.75, s.SuccessRate);
        Assert.Equal(50, s.TokensPerSecond);
        Assert.Equal(0.002m, s.CostPerRequestUsd);
        Assert.Equal("429 from p", s.LastError);
        Assert.Equal(time.GetUtcNow(), s.LastErrorAt);
        Assert.Contains(registry.All(), x => x.DeploymentId == Id);
    }
}
