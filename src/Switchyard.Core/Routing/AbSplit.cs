using Switchyard.Core.Routing.Policies;

namespace Switchyard.Core.Routing;

/// <summary>
/// An A/B split: <see cref="Percent"/> of a route's traffic uses <see cref="Policy"/> (arm "B")
/// instead of the route's own (arm "A"). Assignment is deterministic: a hash of the route and the
/// session id (or, without one or when <see cref="BySession"/> is off, the request id), so a
/// session stays in its arm.
/// </summary>
public sealed record AbSplit(double Percent, IRoutingPolicy Policy, bool BySession)
{
    public bool InArmB(string route, string? sessionId, string requestId)
    {
        var key = BySession && sessionId is not null ? sessionId : requestId;
        return Bucket(route, key) < Percent;
    }

    /// <summary>A stable bucket in [0, 100): FNV-1a over the route and key (string.GetHashCode is randomized per process).</summary>
    public static double Bucket(string route, string key)
    {
        var hash = 2166136261u;
        foreach (var c in route) hash = (hash ^ c) * 16777619u;
        hash = (hash ^ '\n') * 16777619u;
        foreach (var c in key) hash = (hash ^ c) * 16777619u;
        return hash % 10_000 / 100.0;
    }
}
