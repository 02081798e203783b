using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>Cheapest estimated cost first: what a request's sort=price asks for.</summary>
public sealed class PriceOrder : IRoutingPolicy
{
    public static readonly PriceOrder Instance = new();

    public string Name => "price";

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        candidates.Sort((a, b) => context.Costs.For(a).Cost.CompareTo(context.Costs.For(b).Cost));
        foreach (var d in candidates) decision.Score(d, (double)context.Costs.For(d).Cost, "(est. USD)");
    }
}
