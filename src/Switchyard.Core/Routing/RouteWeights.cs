using System.Collections.Concurrent;

namespace Switchyard.Core.Routing;

/// <summary>
/// Runtime weight overrides for weighted routes (route → model → weight), set through the admin
/// API without a redeploy; they win over the weights in config until cleared.
/// </summary>
public sealed class RouteWeights
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, double>> overrides = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double>? For(string route) => overrides.GetValueOrDefault(route);

    public void Set(string route, IReadOnlyDictionary<string, double> weights) => overrides[route] = weights;

    public void Clear(string route) => overrides.TryRemove(route, out _);
}
