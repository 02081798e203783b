using Switchyard.Core.Catalog;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>fixed, cheapest-capable, lowest-latency and the request's sort control (weighted has its own file).</summary>
public class PolicyTests
{
    // One provider each, so the plan's provider preference leaves the policy's order as it is.
    private static readonly Deployment Tiny = Deployment("p-tiny", "tiny", 0.01m, 0.01m, tier: 1);
    private static readonly Deployment Nano = Deployment("p-nano", "nano", 0.1m, 0.4m, tier: 2);
    private static readonly Deployment Mini = Deployment("p-mini", "mini", 0.4m, 1.6m, tier: 3);
    private static readonly Deployment Flash = Deployment("p-flash", "flash", 0.3m, 2.5m, tier: 4);
    private static readonly Deployment Pro = Deployment("p-pro", "pro", 1.25m, 10m, tier: 5);
    private static readonly Deployment Sonnet = Deployment("p-sonnet", "sonnet", 3m, 15m, tier: 5);
    private static readonly Deployment[] Ladder = [Sonnet, Tiny, Flash, Pro, Nano, Mini];

    private static string[] Order(IRoutingPolicy policy, RoutingContext context, params Deployment[] candidates)
    {
        var list = candidates.ToList();
        var decision = new RoutingDecision("r", candidates, detailed: true);
        policy.Order(context, list, decision);
        return Ids(list);
    }

    private static CheapestCapablePolicy Cheapest(int minTier = 3, Dictionary<TaskClass, int>? taskTiers = null, double escalateBelow = 0.5, int escalateBy = 1) =>
        new(minTier, taskTiers ?? [], escalateBelow, escalateBy);

    private static RoutingContext Sure(TaskClass task = TaskClass.Chat, RequestControls? controls = null) =>
        Context(controls: controls, services: Services(new FakeClassifier(task, 0.95)));

    [Fact]
    public void Fixed_keeps_the_config_order()
    {
        var decision = Plan(Route(FixedPolicy.Instance, Ladder), Sure());
        Assert.Equal("fixed", decision.Policy);
        Assert.Equal(Ids(Ladder), Ids(decision.Plan));
    }

    [Fact]
    public void Cheapest_capable_picks_the_cheapest_at_the_required_tier_then_the_rest_strongest_first()
    {
        // Estimated with 500 output tokens: mini $0.0008 < flash $0.00125 < pro < sonnet; nano and tiny are cheaper but below tier 3.
        Assert.Equal(["p-mini/mini", "p-flash/flash", "p-pro/pro", "p-sonnet/sonnet", "p-nano/nano", "p-tiny/tiny"], Order(Cheapest(), Sure(), Ladder));

        var decision = Plan(Route(Cheapest(), Ladder), Sure());
        Assert.Equal("cheapest-capable", decision.Policy);
        Assert.Equal(Mini.Id, decision.Plan[0].Id);
        Assert.Equal(TaskClass.Chat, decision.Task?.Task);
        Assert.Equal((double)Context().Costs.For(Mini).Cost, decision.ScoreOf(Mini));
        Assert.Contains("(tier >= 3)", decision.Explain(Sure()));
        Assert.Contains("(below tier 3)", decision.Explain(Sure()));
    }

    [Fact]
    public void Cheapest_capable_judges_the_tier_for_the_task_class()
    {
        var chatStar = Deployment("p-a", "chat-star", 0.1m, 0.1m, tier: 5, tasks: new() { [TaskClass.Math] = 2 });
        var mathStar = Deployment("p-b", "math-star", 1m, 1m, tier: 2, tasks: new() { [TaskClass.Math] = 5 });
        Assert.Equal([mathStar.Id, chatStar.Id], Order(Cheapest(minTier: 4), Sure(TaskClass.Math), chatStar, mathStar));
        Assert.Equal([chatStar.Id, mathStar.Id], Order(Cheapest(minTier: 4), Sure(TaskClass.Chat), chatStar, mathStar));
    }

    [Fact]
    public void Task_tiers_set_the_requirement_per_class()
    {
        var policy = Cheapest(minTier: 2, taskTiers: new() { [TaskClass.Code] = 5, [TaskClass.Math] = 4 });
        Assert.Equal(2, policy.RequiredTier(Sure(TaskClass.Chat)));
        Assert.Equal(5, policy.RequiredTier(Sure(TaskClass.Code)));
        Assert.Equal(4, policy.RequiredTier(Sure(TaskClass.Math)));
        Assert.Equal(["p-pro/pro", "p-sonnet/sonnet", "p-flash/flash", "p-mini/mini", "p-nano/nano", "p-tiny/tiny"], Order(policy, Sure(TaskClass.Code), Ladder));
        Assert.Equal("p-flash/flash", Order(policy, Sure(TaskClass.Math), Ladder)[0]);
        Assert.Equal("p-nano/nano", Order(policy, Sure(TaskClass.Chat), Ladder)[0]);
    }

    [Fact]
    public void A_per_request_min_tier_overrides_the_routes_requirement()
    {
        var policy = Cheapest(minTier: 2, taskTiers: new() { [TaskClass.Code] = 5 });
        Assert.Equal(4, policy.RequiredTier(Sure(TaskClass.Code, new RequestControls { MinTier = 4 })));
        Assert.Equal("p-flash/flash", Order(policy, Sure(TaskClass.Chat, new RequestControls { MinTier = 4 }), Ladder)[0]);
    }

    [Fact]
    public void Low_classifier_confidence_escalates_the_requirement()
    {
        RoutingContext Unsure(double confidence) => Context(services: Services(new FakeClassifier(TaskClass.Chat, confidence)));
        Assert.Equal(3, Cheapest().RequiredTier(Unsure(0.5)));
        Assert.Equal(4, Cheapest().RequiredTier(Unsure(0.3)));
        Assert.Equal("p-flash/flash", Order(Cheapest(), Unsure(0.3), Ladder)[0]);
        Assert.Equal(5, Cheapest(escalateBy: 2).RequiredTier(Unsure(0.3)));
        Assert.Equal("p-pro/pro", Order(Cheapest(escalateBy: 2), Unsure(0.3), Ladder)[0]);
        Assert.Equal(5, Cheapest(minTier: 5, escalateBy: 3).RequiredTier(Unsure(0.1))); // never beyond 5
        Assert.Equal(3, Cheapest(escalateBelow: 0.2).RequiredTier(Unsure(0.3)));
    }

    [Fact]
    public void When_no_candidate_meets_the_tier_the_strongest_goes_first()
    {
        Assert.Equal([Flash.Id, Mini.Id, Nano.Id], Order(Cheapest(minTier: 5), Sure(), Nano, Mini, Flash));
    }

    [Fact]
    public void Lowest_latency_orders_by_p95_with_unknown_after_known()
    {
        var stats = new FakeStats { P95 = { [Mini.Id] = 300, [Flash.Id] = 100, [Pro.Id] = 200 } };
        var context = Context(services: Services(stats: stats));
        // Unknown ones (nano, sonnet) follow, cheapest first.
        Assert.Equal([Flash.Id, Pro.Id, Mini.Id, Nano.Id, Sonnet.Id], Order(new LowestLatencyPolicy(null), context, Sonnet, Mini, Nano, Pro, Flash));
    }

    [Fact]
    public void Lowest_latency_puts_candidates_over_its_budget_last()
    {
        var stats = new FakeStats { P95 = { [Mini.Id] = 300, [Sonnet.Id] = 50, [Pro.Id] = 200 } };
        var context = Context(services: Services(stats: stats));
        // Sonnet is the fastest but costs about $0.0075 with 500 output tokens; the budget is $0.006.
        Assert.Equal([Pro.Id, Mini.Id, Nano.Id, Sonnet.Id], Order(new LowestLatencyPolicy(0.006m), context, Sonnet, Mini, Nano, Pro));
        var decision = Plan(Route(new LowestLatencyPolicy(0.006m), Sonnet, Mini, Nano, Pro), context);
        Assert.Equal("lowest-latency", decision.Policy);
        Assert.Equal(Pro.Id, decision.Plan[0].Id);
        Assert.Equal(200, decision.ScoreOf(Pro));
    }

    [Fact]
    public void Sort_price_overrides_the_routes_policy()
    {
        var route = Route(FixedPolicy.Instance, Sonnet, Pro, Mini, Nano);
        var decision = Plan(route, Sure(controls: new RequestControls { Sort = "price" }));
        Assert.Equal("price", decision.Policy);
        Assert.Equal([Nano.Id, Mini.Id, Pro.Id, Sonnet.Id], Ids(decision.Plan));
    }

    [Fact]
    public void Sort_latency_overrides_the_routes_policy()
    {
        var stats = new FakeStats { P95 = { [Sonnet.Id] = 900, [Pro.Id] = 150, [Mini.Id] = 400 } };
        var route = Route(Cheapest(), Sonnet, Pro, Mini, Nano);
        var decision = Plan(route, Context(controls: new RequestControls { Sort = "latency" }, services: Services(stats: stats)));
        Assert.Equal("lowest-latency", decision.Policy);
        Assert.Equal([Pro.Id, Mini.Id, Sonnet.Id, Nano.Id], Ids(decision.Plan));
    }
}
