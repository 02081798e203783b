using Switchyard.Core.Execution;
using Switchyard.Core.Gateway;
using Switchyard.Core.Health;
using Switchyard.Core.Routing;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Execution;

/// <summary>resilience.wait_for_half_open on fake time: wait for the first breaker to half-open within the deadline, else the fast 503.</summary>
public class HalfOpenWaitTests
{
    private readonly FakeTimeProvider time = new();
    private readonly HealthRegistry health;
    private readonly Deployment a = Deployment("openai-a", "m");
    private readonly Deployment b = Deployment("anthropic-b", "m");
    private readonly RouteEntry route;

    public HalfOpenWaitTests()
    {
        health = new HealthRegistry(() => ResilienceHealthSettings.Default, time); // breaks of 30 s
        route = Route(a, b);
    }

    private static readonly ResilienceSettings Waiting = new() { WaitForHalfOpen = true, MaxHalfOpenWait = TimeSpan.FromSeconds(40) };

    private void Open(Deployment deployment)
    {
        for (var i = 0; i < 10; i++)
            health.RecordAttempt(new AttemptOutcome(deployment.Id, false, TimeSpan.FromMilliseconds(10), "ServerError", "503"));
        Assert.True(health.IsOpen(deployment.Id));
    }

    private Task<RoutingDecision> PlanAsync(ResilienceSettings settings, TimeSpan deadlineIn) =>
        HalfOpenWait.PlanAsync(RoutePlanner.Default, route, Context(services: Services(health: health, time: time)), null,
            new ExecutionLimits(settings, time.GetUtcNow() + deadlineIn), CancellationToken.None).AsTask();

    [Fact]
    public async Task Waits_for_the_first_breaker_to_half_open_and_plans_it_as_the_trial()
    {
        Open(a);
        time.Advance(TimeSpan.FromSeconds(12));
        Open(b); // b half-opens 12 s after a
        var start = time.GetUtcNow();

        var planning = PlanAsync(Waiting, TimeSpan.FromSeconds(60));
        Assert.False(planning.IsCompleted); // waiting, not a 503
        var decision = await time.RunAsync(planning);

        Assert.Equal(start + TimeSpan.FromSeconds(18), time.GetUtcNow()); // a's break ended exactly then
        Assert.Equal(["openai-a/m"], Ids(decision.Plan));
        Assert.Equal(BreakerState.HalfOpen, health.Snapshot(a.Id).State);
        Assert.True(health.TryEnter(a.Id));  // the request gets the trial...
        Assert.False(health.TryEnter(a.Id)); // ...and only it
    }

    [Fact]
    public async Task Does_not_wait_when_the_break_ends_after_the_deadline()
    {
        Open(a);
        Open(b);
        var start = time.GetUtcNow();

        var error = await Assert.ThrowsAsync<GatewayException>(() => PlanAsync(Waiting, TimeSpan.FromSeconds(29)));
        Assert.Equal(503, error.Status);
        Assert.Equal("all_candidates_unhealthy", error.Code);
        Assert.Contains("openai-a/m", error.Message);
        Assert.Contains("anthropic-b/m", error.Message);
        Assert.Equal(start, time.GetUtcNow());
        Assert.Null(time.NextDue); // no timer was started
    }

    [Fact]
    public async Task Does_not_wait_longer_than_the_maximum()
    {
        Open(a);
        Open(b);
        var error = await Assert.ThrowsAsync<GatewayException>(() =>
            PlanAsync(Waiting with { MaxHalfOpenWait = TimeSpan.FromSeconds(29) }, TimeSpan.FromSeconds(600)));
        Assert.Equal(503, error.Status);
        Assert.Null(time.NextDue);
    }

    [Fact]
    public async Task Off_by_default_the_503_names_the_open_deployments_at_once()
    {
        Open(a);
        Open(b);
        time.Advance(TimeSpan.FromSeconds(29)); // one second from half-open, well within the deadline

        var error = await Assert.ThrowsAsync<GatewayException>(() => PlanAsync(ResilienceSettings.Default, TimeSpan.FromSeconds(600)));
        Assert.Equal(503, error.Status);
        Assert.Contains("openai-a/m: its circuit breaker is open", error.Message);
        Assert.Contains("anthropic-b/m: its circuit breaker is open", error.Message);
        Assert.Equal(5, error.RetryAfterSeconds);
        Assert.Null(time.NextDue);
    }

    [Fact]
    public async Task A_deployment_marked_down_by_its_probe_is_not_waited_for()
    {
        health.RecordProbe(a.Id, ok: false, "connection refused");
        health.RecordProbe(b.Id, ok: false, "connection refused");
        var error = await Assert.ThrowsAsync<GatewayException>(() => PlanAsync(Waiting, TimeSpan.FromSeconds(600)));
        Assert.Equal(503, error.Status);
        Assert.Null(time.NextDue);
    }

    [Fact]
    public async Task Two_waiters_both_plan_the_half_open_deployment_and_its_gate_lets_one_through()
    {
        Open(a);
        time.Advance(TimeSpan.FromSeconds(12));
        Open(b); // still open when a half-opens
        var first = PlanAsync(Waiting, TimeSpan.FromSeconds(60));
        var second = PlanAsync(Waiting, TimeSpan.FromSeconds(60));
        var plans = await time.RunAsync(Task.WhenAll(first, second));
        Assert.All(plans, p => Assert.Equal(["openai-a/m"], Ids(p.Plan)));
        // The executor asks the gate before each attempt: one trial, the other request is refused there (the executor's 503).
        Assert.True(health.TryEnter(a.Id));
        Assert.False(health.TryEnter(a.Id));
    }

    [Fact]
    public async Task A_request_its_open_candidates_do_not_fit_anyway_is_not_held_for_them()
    {
        var noTools = Deployment("openai-c", "plain", capabilities: Switchyard.Core.Catalog.ModelCapabilities.None);
        Open(noTools);
        var request = Request();
        request.Tools = [new Switchyard.Core.Chat.ToolDefinition { Function = new Switchyard.Core.Chat.FunctionDefinition { Name = "f" } }];
        var error = await Assert.ThrowsAsync<GatewayException>(() => HalfOpenWait.PlanAsync(RoutePlanner.Default, Route(noTools),
            Context(request, services: Services(health: health, time: time)), null,
            new ExecutionLimits(Waiting, time.GetUtcNow().AddMinutes(10)), CancellationToken.None).AsTask());
        Assert.Equal(400, error.Status); // the capability filter removed it before health looked
        Assert.Null(time.NextDue);
    }
}
