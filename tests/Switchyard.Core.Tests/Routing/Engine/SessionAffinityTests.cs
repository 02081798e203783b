using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>A session keeps the deployment that answered it, on a weighted (random) route, until the pin expires or the deployment turns unhealthy.</summary>
public class SessionAffinityTests
{
    private static readonly Deployment A = Deployment("openai-a", "a");
    private static readonly Deployment B = Deployment("anthropic-b", "b");
    private static readonly Deployment C = Deployment("gemini-c", "c");
    private static readonly RoutingSettings TenMinutes = new() { SessionAffinity = TimeSpan.FromMinutes(10) };

    private readonly ManualTimeProvider time = new();
    private readonly FakeHealth health = new();
    private readonly RouteEntry route = Route(new WeightedPolicy("r", new Dictionary<string, double>()), A, B, C);
    private readonly RoutingServices services;
    private int requests;

    public SessionAffinityTests() => services = Services(health: health, time: time, seed: 9);

    /// <summary>One request of the session: routed, answered by its primary, remembered (as the server does).</summary>
    private (Deployment Primary, bool Affinity) Request(string? session)
    {
        var context = Context(services: services, settings: TenMinutes, session: session, requestId: $"req-{++requests}");
        var decision = Plan(route, context);
        RoutePlanner.Remember(route, context, decision.Plan[0]);
        return (decision.Plan[0], decision.AffinityApplied);
    }

    [Fact]
    public void A_session_sticks_to_the_deployment_that_answered_while_others_spread()
    {
        var (first, affinity) = Request("s1");
        Assert.False(affinity);
        for (var i = 0; i < 30; i++)
        {
            var (primary, kept) = Request("s1");
            Assert.Equal(first, primary);
            Assert.True(kept);
        }
        // Without a session the same policy spreads requests over all three.
        Assert.Equal(3, Enumerable.Range(0, 60).Select(_ => Request(null).Primary.Id).Distinct().Count());
        // Different sessions start wherever the draw sends them.
        Assert.True(Enumerable.Range(0, 30).Select(i => Request($"other-{i}").Primary.Id).Distinct().Count() > 1);
    }

    [Fact]
    public void The_requests_user_field_is_a_session_too()
    {
        var request = RoutingTestKit.Request();
        request.User = "user-7";
        var context = Context(request, services: services, settings: TenMinutes);
        Assert.Equal("user-7", context.SessionId);
        Assert.Equal("header-session", Context(request, services: services, session: "header-session").SessionId);
    }

    [Fact]
    public void The_pin_expires_after_the_time_to_live()
    {
        var (first, _) = Request("s1");
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(first, Request("s1").Primary); // each answer refreshes the pin
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(first.Id, services.Affinity.Get("r", "s1")); // 18 minutes after the first, 9 after the last

        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Null(services.Affinity.Get("r", "s1"));
        var context = Context(services: services, settings: TenMinutes, session: "s1");
        Assert.False(Plan(route, context).AffinityApplied);
    }

    [Fact]
    public void The_session_moves_when_its_deployment_becomes_unhealthy_and_then_sticks_to_the_new_one()
    {
        var (first, _) = Request("s1");
        health.Open.Add(first.Id);
        var (second, affinity) = Request("s1");
        Assert.NotEqual(first, second);
        Assert.False(affinity);

        health.Open.Clear(); // the first recovers, but the conversation has moved on
        for (var i = 0; i < 10; i++) Assert.Equal(second, Request("s1").Primary);
    }

    [Fact]
    public void A_route_without_affinity_ignores_sessions()
    {
        var loose = route with { SessionAffinity = false };
        var context = Context(services: services, settings: TenMinutes, session: "s1");
        RoutePlanner.Remember(loose, context, A);
        Assert.Null(services.Affinity.Get("r", "s1"));
        Assert.Equal(3, Enumerable.Range(0, 60).Select(_ => Plan(loose, Context(services: services, session: "s1")).Plan[0].Id).Distinct().Count());
    }

    [Fact]
    public void Sessions_are_per_route()
    {
        var context = Context(services: services, settings: TenMinutes, session: "s1");
        RoutePlanner.Remember(route, context, B);
        Assert.Equal(B.Id, services.Affinity.Get("r", "s1"));
        Assert.Null(services.Affinity.Get("other", "s1"));
    }

    [Fact]
    public void Expired_pins_are_swept_as_the_store_grows()
    {
        var store = new SessionAffinityStore(time, sweepAbove: 10);
        for (var i = 0; i < 10; i++) store.Pin("r", $"s{i}", "d", TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(2));
        store.Pin("r", "fresh", "d", TimeSpan.FromMinutes(1));
        Assert.Equal(1, store.Count);
        Assert.Equal("d", store.Get("r", "fresh"));
    }
}
