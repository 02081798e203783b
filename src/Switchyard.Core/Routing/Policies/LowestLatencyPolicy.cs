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
        var stats = context.Services.Stats;
        candidates.Sort((a, b) =>
        {
            var aOver = budget is { } x && context.Costs.For(a).Cost > x;
            var bOver = budget is { } y && context.Costs.For(b).Cost > y;
            if (aOver != bOver) return aOver ? 1 : -1;
            var pa = stats.P95LatencyMs(a.Id);
            var pb = stats.P95LatencyMs(b.Id);
            if (pa is { } la && pb is { } lb && la != lb) return la.CompareTo(lb);
            if (pa.HasValue != pb.HasValue) return pa.HasValue ? -1 : 1;
            return context.Costs.For(a).Cost.CompareTo(context.Costs.For(b).Cost);
        });
        foreach (var d in candidates)
            if (stats.P95LatencyMs(d.Id) is { } p95) decision.Score(d, p95, "(p95 ms)");
    }
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
