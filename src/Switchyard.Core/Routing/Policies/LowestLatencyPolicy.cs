using System.Runtime.InteropServices;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>
/// `lowest-latency`: the lowest recent p95 latency among candidates within the budget
/// (max_cost_usd param, optional); candidates without figures yet follow, cheapest first, then
/// those over budget.
/// </summary>
public sealed class LowestLatencyPolicy(decimal? budget) : IRoutingPolicy
{
    public const string PolicyName = "lowest-latency";
    public static readonly LowestLatencyPolicy Unbudgeted = new(null);

    public string Name => PolicyName;

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        // Each candidate's estimate and p95 once, not per comparison; ties keep config order.
        var stats = context.Services.Stats;
        var count = candidates.Count;
        Span<Key> keys = count <= 64 ? stackalloc Key[count] : new Key[count];
        for (var i = 0; i < count; i++)
        {
            var cost = context.Costs.For(candidates[i]).Cost;
            keys[i] = new Key(budget is { } max && cost > max, stats.P95LatencyMs(candidates[i].Id), cost, i);
        }
        keys.Sort(CollectionsMarshal.AsSpan(candidates), static (a, b) =>
        {
            if (a.OverBudget != b.OverBudget) return a.OverBudget ? 1 : -1;
            if (a.P95 is { } la && b.P95 is { } lb && la != lb) return la.CompareTo(lb);
            if (a.P95.HasValue != b.P95.HasValue) return a.P95.HasValue ? -1 : 1;
            var byCost = a.Cost.CompareTo(b.Cost);
            return byCost != 0 ? byCost : a.Index.CompareTo(b.Index);
        });
        for (var i = 0; i < count; i++)
            if (keys[i].P95 is { } p95) decision.Score(candidates[i], p95, "(p95 ms)");
    }

    private readonly record struct Key(bool OverBudget, double? P95, decimal Cost, int Index);
}

public sealed class LowestLatencyPolicyFactory : IRoutingPolicyFactory
{
    public string Name => LowestLatencyPolicy.PolicyName;

    public IRoutingPolicy? Create(PolicyBuildContext build)
    {
        var p = new PolicyParams(build, "max_cost_usd");
        p.RejectUnknownKeys();
        var before = build.Problems.Count;
        var budget = p.Number("max_cost_usd", 0, 1_000_000);
        return build.Problems.Count > before ? null : new LowestLatencyPolicy((decimal?)budget);
    }
}
