namespace Switchyard.Core.Health;

/// <summary>
/// Asked by the executor before each upstream attempt. Routing's <see cref="Routing.IDeploymentHealth.IsOpen"/>
/// only filters candidates; the gate is what limits a half-open breaker to its trial requests and
/// stops retries at a breaker that opened meanwhile. Every granted attempt ends in exactly one
/// <see cref="IHealthRegistry.RecordAttempt"/> or <see cref="Abandon"/>.
/// </summary>
public interface IAttemptGate
{
    /// <summary>False when the breaker is open, the deployment is down, or a half-open breaker has all its trials out.</summary>
    bool TryEnter(string deploymentId);

    /// <summary>A granted attempt ended without an outcome that says anything about the deployment (the client left, the deadline passed).</summary>
    void Abandon(string deploymentId);
}

/// <summary>A gate that always lets attempts through (no breakers).</summary>
public sealed class OpenGate : IAttemptGate
{
    public static readonly OpenGate Instance = new();
    public bool TryEnter(string deploymentId) => true;
    public void Abandon(string deploymentId) { }
}
