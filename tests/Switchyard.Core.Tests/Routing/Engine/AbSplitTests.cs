using Switchyard.Core.Catalog;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>A/B splits: deterministic by session (or request), close to the configured share, the arm recorded on every decision.</summary>
public class AbSplitTests
{
    private static readonly Deployment Dear = Deployment("anthropic", "dear", 3m, 15m, tier: 5);
    private static readonly Deployment Cheap = Deployment("openai", "cheap", 0.1m, 0.4m, tier: 3);

    /// <summary>Arm A keeps config order (dear first), arm B picks the cheapest capable: the primary shows the arm.</summary>
    private static RouteEntry SplitRoute(double percent, bool bySession = true) =>
        Route(FixedPolicy.Instance, Dear, Cheap) with
        {
            Split = new AbSplit(percent, new CheapestCapablePolicy(3, new Dictionary<TaskClass, int>(), 0.5, 1), bySession),
        };

    private static RoutingDecision Decide(RouteEntry route, string? session, string requestId, RequestControls? controls = null) =>
        Plan(route, Context(controls: controls, session: session, requestId: requestId, services: Services(new FakeClassifier(TaskClass.Chat, 0.9))));

    [Fact]
    public void A_session_stays_in_its_arm_and_the_decision_records_it()
    {
        var route = SplitRoute(50);
        foreach (var session in Enumerable.Range(0, 20).Select(i => $"session-{i}"))
        {
            var first = Decide(route, session, "req-0");
            Assert.Contains(first.Arm, new[] { "A", "B" });
            Assert.Equal(first.Arm == "B" ? "cheapest-capable" : "fixed", first.Policy);
            Assert.Equal(first.Arm == "B" ? Cheap.Id : Dear.Id, first.Plan[0].Id);
            for (var r = 1; r < 10; r++)
            {
                var next = Decide(route, session, $"req-{r}");
                Assert.Equal(first.Arm, next.Arm);
                Assert.Equal(first.Plan[0].Id, next.Plan[0].Id);
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(30)]
    [InlineData(75)]
    public void The_share_of_sessions_in_arm_b_is_close_to_the_percent(double percent)
    {
        var route = SplitRoute(percent);
        const int sessions = 4_000;
        var inB = Enumerable.Range(0, sessions).Count(i => Decide(route, $"user-{i}@tenant", "req").Arm == "B");
        Assert.InRange(inB * 100.0 / sessions, percent - 3, percent + 3);
    }

    [Fact]
    public void Zero_and_hundred_percent_are_absolute()
    {
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal("A", Decide(SplitRoute(0), $"s{i}", "r").Arm));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal("B", Decide(SplitRoute(100), $"s{i}", "r").Arm));
    }

    [Fact]
    public void By_request_splits_each_request_of_a_session_by_its_id()
    {
        var route = SplitRoute(50, bySession: false);
        var arms = Enumerable.Range(0, 200).Select(i => Decide(route, "one-session", $"req-{i}").Arm).ToList();
        Assert.InRange(arms.Count(a => a == "B"), 70, 130);
        for (var i = 0; i < 20; i++) Assert.Equal(arms[i], Decide(route, "another-session", $"req-{i}").Arm); // the request id alone decides
    }

    [Fact]
    public void Without_a_session_the_request_id_decides()
    {
        var route = SplitRoute(50);
        var arms = Enumerable.Range(0, 200).Select(i => Decide(route, null, $"req-{i}").Arm).ToList();
        Assert.InRange(arms.Count(a => a == "B"), 70, 130);
        Assert.Equal(arms[5], Decide(route, null, "req-5").Arm);
    }

    [Fact]
    public void Buckets_are_stable_across_processes()
    {
        // FNV-1a, not string.GetHashCode (randomised per process): a user keeps the arm after a restart.
        // The values are FNV-1a computed independently (Python), so a change of hash shows here.
        Assert.Equal(0.45, AbSplit.Bucket("auto", "user-1"));
        Assert.Equal(73.4, AbSplit.Bucket("other-route", "user-1"));
    }

    [Fact]
    public void A_route_without_a_split_records_no_arm()
    {
        Assert.Null(Decide(Route(Dear, Cheap), "s", "r").Arm);
    }
}
