using Switchyard.Core.Gateway;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Filters;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Execution;

/// <summary>
/// resilience.wait_for_half_open. When every candidate that fits the request is filtered out only
/// because its breaker is open, routing answers 503 at once by default. With the setting on, the
/// request instead waits (on the <see cref="TimeProvider"/>) for the first of those breakers to end
/// its break, if that comes before the request's deadline and within the maximum wait, then plans
/// again and so becomes that deployment's half-open trial. The breaker's gate still admits only its
/// trials: other waiters are refused at the attempt and get the executor's 503, as does any request
/// whose wait would pass its deadline (at once, naming the open deployments).
/// </summary>
public static class HalfOpenWait
{
    /// <summary>Plans the request; completes synchronously (no allocation) unless it has to wait for a breaker.</summary>
    public static ValueTask<RoutingDecision> PlanAsync(RoutePlanner planner, RouteEntry route, RoutingContext context,
        IReadOnlyList<Deployment>? extraCandidates, ExecutionLimits limits, CancellationToken cancellationToken)
    {
        var decision = planner.TryPlan(route, context, extraCandidates, out var error);
        if (error is null) return ValueTask.FromResult(decision);
        var time = context.Services.Time;
        if (error.Code != GatewayErrors.AllCandidatesUnhealthyCode || WaitUntil(decision, context.Services.Health, limits, time.GetUtcNow()) is not { } until) throw error;
        return new ValueTask<RoutingDecision>(WaitAndPlanAsync(planner, route, context, extraCandidates, until, cancellationToken));
    }

    private static async Task<RoutingDecision> WaitAndPlanAsync(RoutePlanner planner, RouteEntry route, RoutingContext context,
        IReadOnlyList<Deployment>? extraCandidates, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var time = context.Services.Time;
        // A system timer may fire a moment before the wall clock reads the due time: wait the rest too.
        for (var now = time.GetUtcNow(); now < until; now = time.GetUtcNow())
            await Task.Delay(until - now, time, cancellationToken).ConfigureAwait(false);
        var decision = planner.TryPlan(route, context, extraCandidates, out var error);
        return error is null ? decision : throw error;
    }

    /// <summary>
    /// When to plan again: the earliest end of break among the candidates the health filter removed
    /// (they passed every other filter), if waiting is on and it comes before both the deadline and
    /// now + the maximum wait; otherwise null (answer the 503 now).
    /// </summary>
    public static DateTimeOffset? WaitUntil(RoutingDecision decision, IDeploymentHealth health, ExecutionLimits limits, DateTimeOffset now)
    {
        var settings = limits.Settings;
        if (!settings.WaitForHalfOpen) return null;
        DateTimeOffset? first = null;
        foreach (var (index, reason, _) in decision.Removals)
        {
            if (reason != RemovalReason.CircuitOpen) continue;
            if (health.HalfOpensAt(decision.Candidates[index].Id) is { } at && (first is null || at < first)) first = at;
        }
        if (first is not { } when || when >= limits.Deadline || when > now + settings.MaxHalfOpenWait) return null;
        return when;
    }
}
