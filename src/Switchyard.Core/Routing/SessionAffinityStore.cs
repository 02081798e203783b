using System.Collections.Concurrent;

namespace Switchyard.Core.Routing;

/// <summary>
/// Remembers which deployment a session was first sent to, for a while, so a conversation keeps
/// one voice. Entries expire after their time to live (refreshed on each use); expired entries are
/// swept as the store grows, so it cannot grow without bound.
/// </summary>
public sealed class SessionAffinityStore(TimeProvider time, int sweepAbove = 100_000)
{
    private readonly ConcurrentDictionary<string, (string DeploymentId, long ExpiresAt)> pins = new(StringComparer.Ordinal);

    public string? Get(string route, string session)
    {
        if (!pins.TryGetValue(Key(route, session), out var pin)) return null;
        return time.GetTimestamp() < pin.ExpiresAt ? pin.DeploymentId : null;
    }

    public void Pin(string route, string session, string deploymentId, TimeSpan ttl)
    {
        pins[Key(route, session)] = (deploymentId, time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency));
        if (pins.Count > sweepAbove) Sweep();
    }

    public int Count => pins.Count;

    private void Sweep()
    {
        var now = time.GetTimestamp();
        foreach (var (key, pin) in pins)
            if (pin.ExpiresAt <= now) pins.TryRemove(key, out _);
    }

    private static string Key(string route, string session) => route + "\n" + session;
}
