using Switchyard.Core.Gateway;
using Switchyard.Core.Routing.Filters;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing;

/// <summary>
/// Turns a route and a request into a plan: candidates → filters (each removal recorded with its
/// reason) → policy (or the A/B arm's policy, or the request's sort) → session affinity and the
/// request's provider order → primary plus fallbacks, other providers' first.
/// </summary>
public sealed class RoutePlanner(IReadOnlyList<IRoutingFilter> filters)
{
    private readonly IRoutingFilter[] filters = [.. filters]; // an array: no enumerator allocated per candidate

    /// <summary>
    /// Key lists first, the request's own constraints next, health last: a candidate removed by
    /// health passed everything else, which is what makes "all remaining candidates are unhealthy"
    /// (503) distinguishable from "the request's constraints leave none" (400).
    /// </summary>
    public static readonly IReadOnlyList<IRoutingFilter> DefaultFilters =
    [
        new KeyAccessFilter(),
        new ProviderFilter(),
        new CapabilityFilter(),
        new ContextWindowFilter(),
        new DataPolicyFilter(),
        new MinTierFilter(),
        new MaxCostFilter(),
        new MaxLatencyFilter(),
        new HealthFilter(),
    ];

    public static readonly RoutePlanner Default = new(DefaultFilters);

    /// <param name="extraCandidates">Deployments of the request's fallback models (switchyard.models), tried after the route's own.</param>
    /// <param name="explain">Keep the policy's scores for an explanation (see <see cref="RoutingDecision.Detailed"/>).</param>
    public RoutingDecision Plan(RouteEntry route, RoutingContext context, IReadOnlyList<Deployment>? extraCandidates = null, bool explain = false)
    {
        var decision = TryPlan(route, context, extraCandidates, out var error, explain);
        return error is null ? decision : throw error;
    }

    /// <summary>
    /// As <see cref="Plan"/>, but when no candidate is left the error comes back beside the decision
    /// (whose removals say why) instead of being thrown: a caller may wait for a breaker and plan again.
    /// </summary>
    public RoutingDecision TryPlan(RouteEntry route, RoutingContext context, IReadOnlyList<Deployment>? extraCandidates, out GatewayException? error,
        bool explain = false)
    {
        var candidates = Candidates(route, extraCandidates);
        var decision = new RoutingDecision(route.Name, candidates, explain);
        // The working list is reused per thread (the plan is a copy); a nested Plan call simply allocates its own.
        var own = spare ?? new List<Deployment>(candidates.Count);
        spare = null;
        try
        {
            error = PlanInto(route, context, candidates, decision, own);
            return decision;
        }
        finally
        {
            own.Clear();
            spare = own;
        }
    }

    [ThreadStatic] private static List<Deployment>? spare;

    private GatewayException? PlanInto(RouteEntry route, RoutingContext context, IReadOnlyList<Deployment> candidates, RoutingDecision decision, List<Deployment> own)
    {
        List<Deployment>? extra = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var reason = RemovalReason.None;
            string? filterName = null;
            foreach (var filter in filters)
            {
                reason = filter.Check(context, candidates[i]);
                if (reason == RemovalReason.None) continue;
                filterName = filter.Name;
                break;
            }
            if (reason != RemovalReason.None) decision.Remove(i, reason, filterName!);
            else if (i < route.Deployments.Count) own.Add(candidates[i]);
            else (extra ??= []).Add(candidates[i]);
        }
        if (own.Count == 0 && extra is null) return NoCandidate(decision, context);

        var policy = ChoosePolicy(route, context, decision);
        decision.Policy = policy.Name;
        policy.Order(context, own, decision);
        if (extra is not null) own.AddRange(extra);
        ApplyAffinity(route, context, own, decision);
        ApplyProviderOrder(context, own);
        decision.Plan = Finish(route, context, candidates, own, extra);
        return null;
    }

    /// <summary>Pins the session to the deployment that answered, for the route's affinity time.</summary>
    public static void Remember(RouteEntry route, RoutingContext context, Deployment answered)
    {
        if (route.SessionAffinity && context.SessionId is { } session)
            context.Services.Affinity.Pin(route.Name, session, answered.Id, context.Settings.SessionAffinity);
    }

    private static IReadOnlyList<Deployment> Candidates(RouteEntry route, IReadOnlyList<Deployment>? extra)
    {
        if (extra is not { Count: > 0 }) return route.Deployments;
        var all = new List<Deployment>(route.Deployments);
        foreach (var d in extra) if (!all.Contains(d)) all.Add(d);
        return all;
    }

    private static IRoutingPolicy ChoosePolicy(RouteEntry route, RoutingContext context, RoutingDecision decision)
    {
        if (context.Controls.Sort == "price") return PriceOrder.Instance;
        if (context.Controls.Sort == "latency") return LowestLatencyPolicy.Unbudgeted;
        if (route.Split is not { } split) return route.Policy;
        var b = split.InArmB(route.Name, context.SessionId, context.RequestId);
        decision.Arm = b ? "B" : "A";
        return b ? split.Policy : route.Policy;
    }

    private static void ApplyAffinity(RouteEntry route, RoutingContext context, List<Deployment> ordered, RoutingDecision decision)
    {
        if (!route.SessionAffinity || context.SessionId is not { } session) return;
        if (context.Services.Affinity.Get(route.Name, session) is not { } pinned) return;
        var index = ordered.FindIndex(d => d.Id == pinned);
        if (index <= 0) { decision.AffinityApplied = index == 0; return; } // gone (filtered out, e.g. unhealthy) or already first
        var keep = ordered[index];
        ordered.RemoveAt(index);
        ordered.Insert(0, keep);
        decision.AffinityApplied = true;
    }

    private static void ApplyProviderOrder(RoutingContext context, List<Deployment> ordered)
    {
        var order = context.Controls.ProviderOrder;
        if (order.Count == 0) return;
        int Rank(Deployment d)
        {
            for (var i = 0; i < order.Count; i++) if (ProviderFilter.Matches([order[i]], d)) return i;
            return order.Count;
        }
        var ranked = ordered.Select((d, i) => (d, i)).OrderBy(x => Rank(x.d)).ThenBy(x => x.i).Select(x => x.d).ToList();
        ordered.Clear();
        ordered.AddRange(ranked);
    }

    /// <summary>
    /// The primary, then fallbacks at other providers before the primary's own (an outage takes a
    /// provider's models down together): first the route's own candidates, then the request's
    /// fallback models (switchyard.models), which only ever come after the route's.
    /// </summary>
    private static IReadOnlyList<Deployment> Finish(RouteEntry route, RoutingContext context, IReadOnlyList<Deployment> candidates, List<Deployment> ordered, List<Deployment>? extra)
    {
        if (!context.Controls.AllowFallbacks || ordered.Count == 1) return [ordered[0]];
        var primary = ordered[0];
        var plan = (spareOrder ??= new List<Deployment>(candidates.Count));
        spareOrder = null; // a nested Plan call on this thread builds its own
        try
        {
            plan.Add(primary);
            AddFallbacks(plan, ordered, primary, extra, extras: false);
            if (extra is not null) AddFallbacks(plan, ordered, primary, extra, extras: true);
            if (route.MaxFallbacks is { } max && plan.Count > max + 1) plan.RemoveRange(max + 1, plan.Count - max - 1);
            return CompactPlan.Of(candidates, plan);
        }
        finally
        {
            plan.Clear();
            spareOrder = plan;
        }
    }

    [ThreadStatic] private static List<Deployment>? spareOrder;

    private static void AddFallbacks(List<Deployment> plan, List<Deployment> ordered, Deployment primary, List<Deployment>? extra, bool extras)
    {
        bool InGroup(Deployment d) => !ReferenceEquals(d, primary) && (extra is null ? !extras : extra.Contains(d) == extras);
        foreach (var d in ordered) if (InGroup(d) && d.Provider.Name != primary.Provider.Name) plan.Add(d);
        foreach (var d in ordered) if (InGroup(d) && d.Provider.Name == primary.Provider.Name) plan.Add(d);
    }

    /// <summary>DESIGN.md's order: open circuits among otherwise fit candidates → 503; only the key's lists → 403; else the request's own constraints → 400.</summary>
    private static GatewayException NoCandidate(RoutingDecision decision, RoutingContext context)
    {
        var reasons = decision.RemovalSummary(context);
        var categories = decision.Removals.Select(r => r.Reason.Category()).ToHashSet();
        if (categories.Contains(RemovalCategory.Health))
            return GatewayErrors.AllCandidatesUnhealthy($"Every remaining candidate for '{decision.Route}' is unhealthy: {reasons}");
        if (categories.Count == 1 && categories.Contains(RemovalCategory.Key))
            return new GatewayException(403, "permission_denied", "model_not_allowed", $"This key may not use the candidates of '{decision.Route}': {reasons}");
        return GatewayErrors.NoCandidate(reasons);
    }
}
