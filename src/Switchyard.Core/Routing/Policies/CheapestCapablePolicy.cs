using System.Runtime.InteropServices;
using Switchyard.Core.Catalog;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Policies;

/// <summary>
/// `cheapest-capable`: the cheapest candidate whose tier for the request's task class meets the
/// required tier (per request min_tier, else the route's task_tiers for that class, else min_tier,
/// default 3). When the classifier is unsure (confidence below escalate_below_confidence, default
/// 0.5) the requirement rises by escalate_by (default 1): better to pay for a stronger model than to
/// fail a request we could not read. Candidates below the requirement follow, strongest first.
/// </summary>
public sealed class CheapestCapablePolicy(int minTier, IReadOnlyDictionary<TaskClass, int> taskTiers, double escalateBelow, int escalateBy) : IRoutingPolicy
{
    public const string PolicyName = "cheapest-capable";

    public string Name => PolicyName;

    public int RequiredTier(RoutingContext context)
    {
        var task = context.Task;
        var required = context.Controls.MinTier ?? (taskTiers.TryGetValue(task.Task, out var t) ? t : minTier);
        if (task.Confidence < escalateBelow) required = Math.Min(5, required + escalateBy);
        return required;
    }

    public void Order(RoutingContext context, List<Deployment> candidates, RoutingDecision decision)
    {
        var task = context.Task.Task;
        var required = RequiredTier(context);
        decision.Task = context.Task;
        // Each candidate's tier and estimate once, not per comparison; ties keep config order.
        var count = candidates.Count;
        Span<Key> keys = count <= 64 ? stackalloc Key[count] : new Key[count];
        for (var i = 0; i < count; i++)
            keys[i] = new Key(candidates[i].Model.TierFor(task), context.Costs.For(candidates[i]).Cost, i);
        keys.Sort(CollectionsMarshal.AsSpan(candidates), new KeyOrder(required));
        var (capableNote, belowNote) = Notes(required);
        for (var i = 0; i < count; i++)
            decision.Score(candidates[i], (double)keys[i].Cost, keys[i].Tier >= required ? capableNote : belowNote);
    }

    private static readonly string[] CapableNotes = [.. Enumerable.Range(0, 6).Select(t => $"(tier >= {t})")];
    private static readonly string[] BelowNotes = [.. Enumerable.Range(0, 6).Select(t => $"(below tier {t})")];

    private static (string Capable, string Below) Notes(int required) =>
        (uint)required < CapableNotes.Length ? (CapableNotes[required], BelowNotes[required]) : ($"(tier >= {required})", $"(below tier {required})");

    private readonly record struct Key(int Tier, decimal Cost, int Index);

    /// <summary>Capable first, cheapest first; below the tier, strongest first, then cheapest; then config order.</summary>
    private readonly struct KeyOrder(int required) : IComparer<Key>
    {
        public int Compare(Key a, Key b)
        {
            var aCapable = a.Tier >= required;
            var bCapable = b.Tier >= required;
            if (aCapable != bCapable) return aCapable ? -1 : 1;
            if (!aCapable && a.Tier != b.Tier) return b.Tier.CompareTo(a.Tier);
            var byCost = a.Cost.CompareTo(b.Cost);
            return byCost != 0 ? byCost : a.Index.CompareTo(b.Index);
        }
    }
}

public sealed class CheapestCapablePolicyFactory : IRoutingPolicyFactory
{
    public string Name => CheapestCapablePolicy.PolicyName;

    public IRoutingPolicy? Create(PolicyBuildContext build)
    {
        var p = new PolicyParams(build, "min_tier", "task_tiers", "escalate_below_confidence", "escalate_by");
        p.RejectUnknownKeys();
        var before = build.Problems.Count;
        var tiers = new Dictionary<TaskClass, int>();
        foreach (var (name, tier) in p.NumberMap("task_tiers", 1, 5))
        {
            if (TaskClassNames.TryParse(name, out var task)) tiers[task] = (int)tier;
            else build.Problems.Add($"{build.Path}.task_tiers.{name}: unknown task class (chat, code, math, reasoning, extraction, summarization, translation, creative_writing, classification)");
        }
        var policy = new CheapestCapablePolicy(
            (int)(p.Number("min_tier", 1, 5) ?? 3), tiers,
            p.Number("escalate_below_confidence", 0, 1) ?? 0.5,
            (int)(p.Number("escalate_by", 0, 4) ?? 1));
        return build.Problems.Count > before ? null : policy;
    }
}
