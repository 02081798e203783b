using Switchyard.Core.Health;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>
/// `weighted`: the primary is drawn at random in proportion to the models' weights (params.weights,
/// model → weight; runtime overrides from <see cref="RouteWeights"/> win), each multiplied by the
/// deployment's adaptive weight from health (<see cref="IHealthRegistry.AdaptiveWeight"/>), so
/// traffic moves away from a deployment that fails, slows down or nears its rate limit without a
/// config change. With no weights every model weighs 1; with weights, a model left out weighs 0.
/// The other candidates follow as fallbacks, heaviest first; weight 0 never serves first but can
/// still catch a fallback. A plain model with several deployments uses this policy with equal weights.
/// </summary>
public sealed class WeightedPolicy(string route, IReadOnlyDictionary<string, double> weights) : IRoutingPolicy
{
    public const string PolicyName = "weighted";

    public string Name => PolicyName;

    /// <summary>The configured (or overridden) weight of the deployment's model, before health.</summary>
    public double WeightOf(RoutingContext context, Deployment d)
    {
        var current = context.Services.Weights.For(route) ?? weights;
        if (current.Count == 0) return 1.0;
        return current.TryGetValue(d.ModelName, out var w) ? w : 0.0;
    }

    /// <summary>The model's weight times the deployment's adaptive weight (1 when health keeps none).</summary>
    public double EffectiveWeightOf(RoutingContext context, Deployment d)
    {
        var weight = WeightOf(context, d);
        return weight > 0 && context.Services.Stats is IHealthRegistry health ? weight * health.AdaptiveWeight(d.Id) : weight;
    }

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        var effective = new Dictionary<Deployment, double>(candidates.Count);
        var total = 0.0;
        foreach (var d in candidates)
        {
            var w = EffectiveWeightOf(context, d);
            effective[d] = w;
            total += w;
        }
        candidates.Sort((a, b) => effective[b].CompareTo(effective[a]));
        if (total > 0)
        {
            var draw = context.Services.Random.NextDouble() * total;
            for (var i = 0; i < candidates.Count; i++)
            {
                draw -= effective[candidates[i]];
                if (draw >= 0) continue;
                var chosen = candidates[i];
                candidates.RemoveAt(i);
                candidates.Insert(0, chosen);
                break;
            }
        }
        foreach (var d in candidates) decision.Score(d, effective[d], "(weight)");
    }
}

public sealed class WeightedPolicyFactory : IRoutingPolicyFactory
{
    public string Name => WeightedPolicy.PolicyName;

    public IRoutingPolicy? Create(PolicyBuildContext build)
    {
        var p = new PolicyParams(build, "weights");
        p.RejectUnknownKeys();
        var before = build.Problems.Count;
        var weights = p.NumberMap("weights", 0, 1_000_000);
        foreach (var model in weights.Keys)
            if (!build.Candidates.Any(c => c.ModelName == model))
                build.Problems.Add($"{build.Path}.weights.{model}: not a model of this route");
        return build.Problems.Count > before ? null : new WeightedPolicy(build.Route, weights);
    }
}
