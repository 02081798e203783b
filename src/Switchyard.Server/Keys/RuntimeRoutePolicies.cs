using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Config;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Keys;

/// <summary>
/// Route policies changed at runtime (policy, params, A/B split; stored by <see cref="KeyService"/>).
/// The config file's snapshot is the base; each stored change rebuilds its route with the same
/// <see cref="RouteFactory"/> the file goes through, and the result is swapped in as the current
/// snapshot, so the next decision uses it and requests in flight keep theirs. A config reload
/// becomes the new base and the changes are applied over it again; one that no longer fits the
/// file (its route gone, a model it names removed) is skipped with a warning until cleared.
/// </summary>
public sealed partial class RuntimeRoutePolicies(SnapshotHolder snapshots, ILogger<RuntimeRoutePolicies> logger)
{
    private readonly Lock gate = new();
    private readonly RouteFactory factory = new(RoutingPolicies.Builtin);
    private volatile GatewaySnapshot fromFile = snapshots.Current;
    private volatile FrozenDictionary<string, RoutePolicySpec> overrides = FrozenDictionary<string, RoutePolicySpec>.Empty;
    private FrozenDictionary<string, string> stored = FrozenDictionary<string, string>.Empty;

    /// <summary>The routes whose policy is changed at runtime.</summary>
    public IReadOnlyDictionary<string, RoutePolicySpec> Overrides => overrides;

    /// <summary>The config file's route (before runtime changes), or null when the file has no such route.</summary>
    public RouteEntry? ConfiguredRoute(string name) => fromFile.FindRoute(name) is { IsModel: false } route ? route : null;

    /// <summary>A reloaded config file: the new base, with the runtime changes applied over it.</summary>
    public void ConfigChanged(GatewaySnapshot next)
    {
        lock (gate)
        {
            fromFile = next;
            Publish();
        }
    }

    /// <summary>The changes as the store holds them (route → stored JSON), after every load; applied when they differ.</summary>
    public void Replace(IEnumerable<(string Route, string Json)> rows)
    {
        lock (gate)
        {
            var next = rows.ToFrozenDictionary(r => r.Route, r => r.Json, StringComparer.Ordinal);
            if (next.Count == stored.Count && next.All(p => stored.TryGetValue(p.Key, out var v) && v == p.Value)) return;
            stored = next;
            var specs = new Dictionary<string, RoutePolicySpec>(StringComparer.Ordinal);
            foreach (var (route, json) in next)
            {
                if (RoutePolicySpec.FromJson(json) is { } spec) specs[route] = spec;
                else Skipped(logger, route, "the stored change does not read as a policy");
            }
            overrides = specs.ToFrozenDictionary(StringComparer.Ordinal);
            Publish();
        }
    }

    /// <summary>Builds the config file's route <paramref name="name"/> with another policy spec, validated as the file is; null with the problems when it does not validate.</summary>
    public RouteEntry? Build(string name, RoutePolicySpec spec, List<string> problems)
    {
        var snapshot = fromFile;
        if (ConfiguredRoute(name) is not { } route)
        {
            problems.Add($"routes.{name}: not a route of the config file");
            return null;
        }
        return factory.Build(name, spec, route.MaxFallbacks, route.SessionAffinity, route.Deployments, snapshot.Routes.ContainsKey, problems);
    }

    private void Publish()
    {
        if (overrides.Count == 0)
        {
            snapshots.Swap(fromFile);
            return;
        }
        var routes = new Dictionary<string, RouteEntry>(fromFile.Routes, StringComparer.Ordinal);
        foreach (var (name, spec) in overrides)
        {
            var problems = new List<string>();
            if (Build(name, spec, problems) is { } built) routes[name] = built;
            else Skipped(logger, name, string.Join("; ", problems));
        }
        snapshots.Swap(fromFile.WithRoutes(routes.ToFrozenDictionary(StringComparer.Ordinal)));
    }

    [LoggerMessage(EventId = 703, Level = LogLevel.Warning, Message = "The runtime policy of route '{Route}' is not applied: {Reason}. The config file's policy serves it until the change is cleared or set again.")]
    private static partial void Skipped(ILogger logger, string route, string reason);
}
