using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Health;
using Switchyard.Core.Runtime;
using Switchyard.Server.Health;

namespace Switchyard.Server.Admin;

/// <summary>
/// One deployment's health as GET /admin/v1/health and `switchyard health --json` show it: the
/// registry's snapshot (state, window statistics, breaker) plus the latest active probe.
/// </summary>
/// <param name="State">closed, open, half_open or down (marked down by a failed probe until one passes).</param>
/// <param name="SuccessRate">Share of successful attempts in the statistics window, 0..1.</param>
/// <param name="OpenUntil">When an open breaker lets its first trial request through.</param>
public sealed record DeploymentHealthView(
    string Deployment,
    string Model,
    string Provider,
    string State,
    int Requests,
    double SuccessRate,
    double? P50LatencyMs,
    double? P95LatencyMs,
    double? P99LatencyMs,
    double? TokensPerSecond,
    decimal? CostPerRequestUsd,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    double AdaptiveWeight,
    long? RemainingRequests,
    DateTimeOffset? OpenUntil,
    ProbeView? LastProbe)
{
    public static DeploymentHealthView From(Deployment deployment, DeploymentHealthSnapshot s, ProbeResult? probe) => new(
        s.DeploymentId, deployment.Model.Id, deployment.Provider.Name, StateName(s.State), s.Requests, s.SuccessRate,
        s.P50LatencyMs, s.P95LatencyMs, s.P99LatencyMs, s.TokensPerSecond, s.CostPerRequestUsd, s.LastError, s.LastErrorAt,
        s.AdaptiveWeight, s.RemainingRequests, s.OpenUntil,
        probe is null ? null : new ProbeView(ProbeKindName(probe.Kind), probe.Ok, probe.Error, Math.Round(probe.Latency.TotalMilliseconds, 1), probe.At));

    public static string StateName(BreakerState state) => state switch
    {
        BreakerState.Closed => "closed",
        BreakerState.Open => "open",
        BreakerState.HalfOpen => "half_open",
        BreakerState.Down => "down",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string ProbeKindName(Core.Health.Probes.ProbeKind kind) => kind switch
    {
        Core.Health.Probes.ProbeKind.ModelList => "models",
        Core.Health.Probes.ProbeKind.Embedding => "embedding",
        _ => "completion",
    };
}

/// <param name="Kind">models, completion or embedding.</param>
public sealed record ProbeView(string Kind, bool Ok, string? Error, double LatencyMs, DateTimeOffset At);

/// <summary>GET /admin/v1/health: every configured deployment, sorted by id.</summary>
public sealed record HealthListView(string Object, IReadOnlyList<DeploymentHealthView> Data);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(HealthListView))]
[JsonSerializable(typeof(DeploymentHealthView))]
public sealed partial class HealthJsonContext : JsonSerializerContext;
