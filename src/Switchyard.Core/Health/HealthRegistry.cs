using System.Collections.Concurrent;

namespace Switchyard.Core.Health;

/// <summary>
/// The per-deployment health registry: circuit breakers, sliding-window statistics, probe results
/// and adaptive weights. The executor reports every attempt (the one outcome sink of health) and
/// asks the <see cref="IAttemptGate"/> before each; routing reads <see cref="IsOpen"/>,
/// <see cref="P95LatencyMs"/> and <see cref="AdaptiveWeight"/>. All timing on <see cref="TimeProvider"/>.
/// </summary>
/// <param name="settings">Read when a deployment is first seen (and after a reset); a config reload applies from then on.</param>
/// <param name="peerKey">
/// Which deployments are the same model (for latency comparison): deployment id → catalog model id,
/// or null when unknown. Default: every deployment stands alone (its latency is never penalised).
/// </param>
public sealed class HealthRegistry(Func<ResilienceHealthSettings> settings, TimeProvider time, Func<string, string?>? peerKey = null)
    : IHealthRegistry, IAttemptGate
{
    private readonly ConcurrentDictionary<string, DeploymentState> states = new(StringComparer.Ordinal);

    public HealthRegistry(TimeProvider time) : this(() => ResilienceHealthSettings.Default, time) { }

    public void RecordAttempt(AttemptOutcome outcome)
    {
        var state = State(outcome.DeploymentId);
        lock (state.Gate) state.Record(outcome, CountsAsFailure(outcome.ErrorKind), time.GetUtcNow());
    }

    /// <summary>
    /// Failures that say something about the deployment. A request the provider judged invalid, too
    /// long for its window, refused on content or unsupported would fail the same anywhere.
    /// </summary>
    public static bool CountsAsFailure(string? errorKind) => errorKind is not (
        nameof(Upstream.UpstreamErrorKind.BadRequest) or nameof(Upstream.UpstreamErrorKind.ContextLength)
        or nameof(Upstream.UpstreamErrorKind.ContentPolicy) or nameof(Upstream.UpstreamErrorKind.Unsupported));

    public void RecordProbe(string deploymentId, bool ok, string? error)
    {
        var state = State(deploymentId);
        var now = time.GetUtcNow();
        lock (state.Gate)
        {
            if (ok)
            {
                if (state.Down) { state.Down = false; state.Breaker.Close(); }
                return;
            }
            state.Down = true;
            state.Record(new AttemptOutcome(deploymentId, false, TimeSpan.Zero, "Probe", error ?? "health check failed"), countsAsFailure: false, now);
        }
    }

    public bool IsOpen(string deploymentId)
    {
        if (!states.TryGetValue(deploymentId, out var state)) return false;
        lock (state.Gate) return state.Down || state.Breaker.Blocks(time.GetUtcNow());
    }

    public DateTimeOffset? HalfOpensAt(string deploymentId)
    {
        if (!states.TryGetValue(deploymentId, out var state)) return null;
        lock (state.Gate)
            return !state.Down && state.Breaker.State(time.GetUtcNow()) == BreakerState.Open ? state.Breaker.OpenUntil : null;
    }

    public double? P95LatencyMs(string deploymentId)
    {
        if (!states.TryGetValue(deploymentId, out var state)) return null;
        lock (state.Gate)
        {
            var summary = state.Summary(time.GetUtcNow());
            return summary.LatencySamples >= state.Statistics.MinLatencySamples ? summary.P95 : null;
        }
    }

    public double AdaptiveWeight(string deploymentId)
    {
        if (!states.TryGetValue(deploymentId, out var state)) return 1.0;
        var s = state.Statistics;
        if (!s.AdaptiveWeights) return 1.0;
        var now = time.GetUtcNow();
        double failureRate;
        double? shareLeft;
        lock (state.Gate)
        {
            failureRate = state.Summary(now).RecentFailureRate;
            shareLeft = state.FreshRateLimit(now)?.ShareLeft;
        }
        var own = P95LatencyMs(deploymentId);
        return AdaptiveWeighting.Combine(AdaptiveWeighting.Health(failureRate, s), AdaptiveWeighting.Speed(own, BestPeerP95(deploymentId), s),
            AdaptiveWeighting.Headroom(shareLeft, s), s);
    }

    private double? BestPeerP95(string deploymentId)
    {
        if (peerKey?.Invoke(deploymentId) is not { } key) return null;
        double? best = null;
        foreach (var id in states.Keys)
        {
            if (id == deploymentId || peerKey(id) != key || IsOpen(id)) continue;
            if (P95LatencyMs(id) is { } p95 && (best is null || p95 < best)) best = p95;
        }
        return best;
    }

    public DeploymentHealthSnapshot Snapshot(string deploymentId)
    {
        var state = State(deploymentId);
        var now = time.GetUtcNow();
        var weight = AdaptiveWeight(deploymentId);
        lock (state.Gate)
        {
            var s = state.Summary(now);
            var breaker = state.Breaker.State(now);
            return new DeploymentHealthSnapshot(deploymentId, state.Down ? BreakerState.Down : breaker, s.Requests, s.SuccessRate,
                s.P50, s.P95, s.P99, s.TokensPerSecond, s.CostPerRequest, state.LastError, state.LastErrorAt, weight,
                state.FreshRateLimit(now)?.RemainingRequests, breaker == BreakerState.Open ? state.Breaker.OpenUntil : null);
        }
    }

    public IReadOnlyList<DeploymentHealthSnapshot> All() =>
        states.Keys.Order(StringComparer.Ordinal).Select(Snapshot).ToList();

    public void Reset(string deploymentId)
    {
        // A new state picks up the current settings.
        states[deploymentId] = NewState(deploymentId);
    }

    public bool TryEnter(string deploymentId)
    {
        var state = State(deploymentId);
        lock (state.Gate) return !state.Down && state.Breaker.TryEnter(time.GetUtcNow());
    }

    public void Abandon(string deploymentId)
    {
        if (!states.TryGetValue(deploymentId, out var state)) return;
        lock (state.Gate) state.Breaker.Abandon(time.GetUtcNow());
    }

    private DeploymentState State(string deploymentId) => states.GetOrAdd(deploymentId, NewState);

    private DeploymentState NewState(string deploymentId)
    {
        var current = settings();
        return new DeploymentState(deploymentId, current.Breaker, current.Statistics);
    }
}

/// <summary>The part of the resilience settings the registry reads.</summary>
public sealed record ResilienceHealthSettings(BreakerSettings Breaker, StatisticsSettings Statistics)
{
    public static readonly ResilienceHealthSettings Default = new(BreakerSettings.Default, StatisticsSettings.Default);
}
