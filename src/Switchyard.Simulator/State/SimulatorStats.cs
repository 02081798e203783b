using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Switchyard.Simulator.State;

/// <summary>Request counts by model, endpoint and outcome, for <c>GET /_sim/stats</c>. Lock-free increments.</summary>
internal sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<(string Model, string Endpoint, string Outcome), StrongBox<long>> _counts = new();

    public void Record(string model, string endpoint, string outcome)
    {
        var box = _counts.GetOrAdd((model, endpoint, outcome), static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
    }

    public void Clear() => _counts.Clear();

    /// <summary>model → endpoint → outcome → count.</summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, long>>> Snapshot()
    {
        var result = new Dictionary<string, Dictionary<string, Dictionary<string, long>>>(StringComparer.Ordinal);
        foreach (var ((model, endpoint, outcome), box) in _counts)
        {
            if (!result.TryGetValue(model, out var endpoints)) result[model] = endpoints = new(StringComparer.Ordinal);
            if (!endpoints.TryGetValue(endpoint, out var outcomes)) endpoints[endpoint] = outcomes = new(StringComparer.Ordinal);
            outcomes[outcome] = Interlocked.Read(ref box.Value);
        }
        return result;
    }
}
