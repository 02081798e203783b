using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>
/// `weighted`: the primary is drawn at random in proportion to the models' weights (params.weights,
/// model → weight; runtime overrides from <see cref="RouteWeights"/> win). With no weights every
/// model weighs 1; with weights, a model left out weighs 0. The other candidates follow as
/// fallbacks, heaviest first; weight 0 never serves first but can still catch a fallback.
/// </summary>
public sealed class WeightedPolicy(string route, IReadOnlyDictionary<string, double> weights) : IRoutingPolicy
{
    public const string PolicyName = "weighted";

    public string Name => PolicyName;

    public double WeightOf(RoutingContext context, Deployment d)
    {
        var current = context.Services.Weights.For(route) ?? weights;
        if (current.Count == 0) return 1.0;
        return current.TryGetValue(d.ModelName, out var w) ? w : 0.0;
    }

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        var total = 0.0;
        foreach (var d in candidates) total += WeightOf(context, d);
        candidates.Sort((a, b) => WeightOf(context, b).CompareTo(WeightOf(context, a)));
        if (total > 0)
        {
            var draw = context.Services.Random.NextDouble() * total;
            for (var i = 0; i < candidates.Count; i++)
            {
                draw -= WeightOf(context, candidates[i]);
                if (draw >= 0) continue;
                var chosen = candidates[i];
                candidates.RemoveAt(i);
                candidates.Insert(0, chosen);
                break;
            }
        }
        foreach (var d in candidates) decision.Score(d, WeightOf(context, d), "(weight)");
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
