using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;
using static Switchyard.Core.Tests.Routing.Engine.RoutingTestKit;

namespace Switchyard.Core.Tests.Routing.Engine;

/// <summary>weighted: seeded draws give shares close to the weights; runtime overrides win; weight 0 never serves first.</summary>
public class WeightedPolicyTests
{
    private const int Decisions = 10_000;
    private static readonly Deployment A = Deployment("openai-a", "a");
    private static readonly Deployment B = Deployment("anthropic-b", "b");
    private static readonly Deployment C = Deployment("gemini-c", "c");

    private static Dictionary<string, double> Shares(RouteEntry route, RoutingServices services)
    {
        var counts = new Dictionary<string, double> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        for (var i = 0; i < Decisions; i++)
        {
            var decision = Plan(route, Context(services: services, requestId: $"req-{i}"));
            Assert.Equal(3, decision.Plan.Count); // the others stay as fallbacks
            counts[decision.Plan[0].ModelName]++;
        }
        return counts.ToDictionary(c => c.Key, c => c.Value / Decisions);
    }

    private static RouteEntry Weighted(Dictionary<string, double> weights) => Route(new WeightedPolicy("r", weights), A, B, C);

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void Shares_follow_the_weights(int seed)
    {
        var shares = Shares(Weighted(new() { ["a"] = 1, ["b"] = 3, ["c"] = 6 }), Services(seed: seed));
        Assert.InRange(shares["a"], 0.08, 0.12);
        Assert.InRange(shares["b"], 0.28, 0.32);
        Assert.InRange(shares["c"], 0.58, 0.62);
    }

    [Fact]
    public void Without_weights_every_model_weighs_the_same()
    {
        var shares = Shares(Weighted([]), Services(seed: 7));
        foreach (var share in shares.Values) Assert.InRange(share, 0.31, 0.36);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence()
    {
        string[] Run(RoutingServices services) => Enumerable.Range(0, 50).Select(_ => Plan(Weighted([]), Context(services: services)).Plan[0].Id).ToArray();
        var first = Run(Services(seed: 3));
        Assert.Equal(first, Run(Services(seed: 3)));
        Assert.True(first.Distinct().Count() > 1);
    }

    [Fact]
    public void Weight_zero_never_serves_first_but_remains_a_fallback()
    {
        var route = Weighted(new() { ["a"] = 0, ["b"] = 1, ["c"] = 1 });
        var services = Services(seed: 5);
        for (var i = 0; i < 2_000; i++)
        {
            var plan = Plan(route, Context(services: services)).Plan;
            Assert.NotEqual(A.Id, plan[0].Id);
            Assert.Contains(A, plan);
        }
        // A model left out of the weights weighs 0 too.
        var shares = Shares(Weighted(new() { ["c"] = 2 }), Services(seed: 5));
        Assert.Equal(1.0, shares["c"]);
    }

    [Fact]
    public void Runtime_overrides_win_until_cleared()
    {
        var route = Weighted(new() { ["a"] = 1, ["b"] = 1, ["c"] = 1 });
        var services = Services(seed: 11);
        services.Weights.Set("r", new Dictionary<string, double> { ["b"] = 1 });
        Assert.Equal(1.0, Shares(route, services)["b"]);

        services.Weights.Set("r", new Dictionary<string, double> { ["a"] = 9, ["c"] = 1 });
        var shares = Shares(route, services);
        Assert.InRange(shares["a"], 0.88, 0.92);
        Assert.Equal(0, shares["b"]);

        services.Weights.Set("another-route", new Dictionary<string, double> { ["a"] = 1 }); // other routes' overrides do not apply
        services.Weights.Clear("r");
        foreach (var share in Shares(route, services).Values) Assert.InRange(share, 0.30, 0.37);
    }

    [Fact]
    public void The_decision_records_each_weight()
    {
        var decision = Plan(Weighted(new() { ["a"] = 1, ["b"] = 3, ["c"] = 6 }), Context());
        Assert.Equal("weighted", decision.Policy);
        Assert.Equal(1, decision.ScoreOf(A));
        Assert.Equal(3, decision.ScoreOf(B));
        Assert.Equal(6, decision.ScoreOf(C));
    }

    [Fact]
    public void When_every_weight_is_zero_the_order_is_kept_and_nothing_fails()
    {
        var decision = Plan(Weighted(new() { ["a"] = 0 }), Context());
        Assert.Equal(3, decision.Plan.Count);
    }
}
