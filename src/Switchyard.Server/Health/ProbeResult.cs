using Switchyard.Core.Health.Probes;

namespace Switchyard.Server.Health;

/// <summary>How one probe ended.</summary>
/// <param name="Error">Why it failed, safe to show (names the provider, never its key); null when it passed.</param>
public sealed record ProbeResult(string DeploymentId, ProbeKind Kind, bool Ok, string? Error, TimeSpan Latency, DateTimeOffset At);
