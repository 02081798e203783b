using System.Runtime.InteropServices;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>Cheapest estimated cost first: what a request's sort=price asks for.</summary>
public sealed class PriceOrder : IRoutingPolicy
{
    public static readonly PriceOrder Instance = new();

    public string Name => "price";

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        // Each estimate once, not per comparison; equal prices keep config order.
        var count = candidates.Count;
        Span<(decimal Cost, int Index)> keys = count <= 64 ? stackalloc (decimal, int)[count] : new (decimal, int)[count];
        for (var i = 0; i < count; i++) keys[i] = (context.Costs.For(candidates[i]).Cost, i);
        keys.Sort(CollectionsMarshal.AsSpan(candidates), static (a, b) => a.CompareTo(b));
        for (var i = 0; i < count; i++) decision.Score(candidates[i], (double)keys[i].Cost, "(est. USD)");
    }
}
