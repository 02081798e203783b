namespace Switchyard.Core.Health;

/// <summary>
/// The adaptive weight of a deployment: health × speed × rate-limit headroom, floored so a degraded
/// deployment keeps a trickle of traffic and its recovery gets noticed.
/// <list type="bullet">
/// <item>health = exp(-k × recent failure rate): with k = 12, 20% failures → 0.09, 5% → 0.55.</item>
/// <item>speed = min(1, (tolerance × best peer p95 / own p95)³), peers being the deployments of
/// the same model: three times slower → (1.25 / 3)³ = 0.07, 1.5 times → 0.58. Different models
/// are not compared (a bigger model is slower by nature).</item>
/// <item>headroom = share of the rate limit left / threshold, when below the threshold (10%):
/// falls before the provider starts answering 429.</item>
/// </list>
/// With two otherwise equal deployments, a weight w gives the degraded one a share of w / (1 + w).
/// </summary>
public static class AdaptiveWeighting
{
    public static double Health(double failureRate, StatisticsSettings s) => Math.Exp(-s.FailurePenalty * failureRate);

    public static double Speed(double? ownP95, double? bestPeerP95, StatisticsSettings s)
    {
        if (ownP95 is not { } own || bestPeerP95 is not { } best || own <= 0 || best <= 0) return 1.0;
        var ratio = s.LatencyTolerance * best / own;
        return ratio >= 1 ? 1.0 : ratio * ratio * ratio;
    }

    public static double Headroom(double? shareLeft, StatisticsSettings s) =>
        shareLeft is { } left && left < s.RateLimitThreshold && s.RateLimitThreshold > 0 ? left / s.RateLimitThreshold : 1.0;

    public static double Combine(double health, double speed, double headroom, StatisticsSettings s) =>
        Math.Clamp(health * speed * headroom, s.MinWeight, 1.0);
}
