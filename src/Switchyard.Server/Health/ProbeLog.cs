using System.Collections.Concurrent;

namespace Switchyard.Server.Health;

/// <summary>The latest probe of each deployment, for the admin API.</summary>
public sealed class ProbeLog
{
    private readonly ConcurrentDictionary<string, ProbeResult> latest = new(StringComparer.Ordinal);

    public void Record(ProbeResult result) => latest[result.DeploymentId] = result;

    public ProbeResult? Latest(string deploymentId) => latest.GetValueOrDefault(deploymentId);
}
