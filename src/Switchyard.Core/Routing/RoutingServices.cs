using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Routing;

/// <summary>Is a deployment's circuit open? Filled in by the resilience layer; until then nothing is open.</summary>
public interface IDeploymentHealth
{
    bool IsOpen(string deploymentId);

    /// <summary>
    /// When an open breaker's break ends and it lets a trial through; null when the deployment is
    /// not open, is marked down (only a probe brings it back) or has its trials out already.
    /// </summary>
    DateTimeOffset? HalfOpensAt(string deploymentId) => null;
}

/// <summary>Recent latency per deployment, for the lowest-latency policy and max_latency_ms.</summary>
public interface IDeploymentStats
{
    /// <summary>The recent p95 latency in ms (time to first token for streams), or null when unknown.</summary>
    double? P95LatencyMs(string deploymentId);
}

/// <summary>A source of uniform random numbers in [0, 1); injectable so tests are seeded.</summary>
public interface IRandomSource
{
    double NextDouble();
}

public sealed class SharedRandom : IRandomSource
{
    public static readonly SharedRandom Instance = new();
    public double NextDouble() => Random.Shared.NextDouble();
}

public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();

    public double NextDouble()
    {
        lock (gate) return random.NextDouble();
    }
}

/// <summary>Nothing is known yet: every circuit closed, no latency figures.</summary>
public sealed class NoHealthData : IDeploymentHealth, IDeploymentStats
{
    public static readonly NoHealthData Instance = new();
    public bool IsOpen(string deploymentId) => false;
    public double? P95LatencyMs(string deploymentId) => null;
}

/// <summary>Everything routing consults besides the request itself, shared by all requests.</summary>
public sealed class RoutingServices(
    ITaskClassifier classifier,
    PiiDetector piiDetector,
    IDeploymentHealth health,
    IDeploymentStats stats,
    SessionAffinityStore affinity,
    RouteWeights weights,
    IRandomSource random,
    TimeProvider time)
{
    public ITaskClassifier Classifier { get; } = classifier;
    public PiiDetector PiiDetector { get; } = piiDetector;
    public IDeploymentHealth Health { get; } = health;
    public IDeploymentStats Stats { get; } = stats;
    public SessionAffinityStore Affinity { get; } = affinity;
    public RouteWeights Weights { get; } = weights;
    public IRandomSource Random { get; } = random;
    public TimeProvider Time { get; } = time;

    /// <summary>Defaults for offline use (route explain, tests): no health data, a seeded random source.</summary>
    public static RoutingServices Offline(TimeProvider? time = null, int seed = 1) =>
        new(TaskClassifier.Default, new PiiDetector(), NoHealthData.Instance, NoHealthData.Instance,
            new SessionAffinityStore(time ?? TimeProvider.System), new RouteWeights(), new SeededRandom(seed), time ?? TimeProvider.System);
}
