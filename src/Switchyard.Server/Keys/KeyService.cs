using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Keys;
using Switchyard.Core.Routing;
using Switchyard.Storage.Keys;

namespace Switchyard.Server.Keys;

/// <summary>
/// Virtual keys, projects and runtime overrides of this replica: a cache of the store refreshed
/// whenever the store's change counter moves (polled every auth.sync_interval_seconds, at most 1 s),
/// and reloaded at once after every change made through this replica's admin API, so a revocation
/// takes effect here immediately and on the other replicas within one poll.
/// </summary>
public sealed partial class KeyService(IKeyStore store, TimeProvider time, RouteWeights weights, DisabledModels disabled,
    RuntimeRoutePolicies routePolicies, ILogger<KeyService> logger)
{
    public const string RouteWeightKind = "route_weight";
    public const string ModelDisabledKind = "model_disabled";
    public const string RoutePolicyKind = "route_policy";

    private readonly SemaphoreSlim reloading = new(1, 1);
    private volatile KeyDirectory directory = KeyDirectory.Empty;
    private volatile bool requireKeys;
    private FrozenSet<string> weightedRoutes = FrozenSet<string>.Empty;

    public IKeyStore Store => store;
    public KeyDirectory Directory => directory;

    /// <summary>auth.require_keys of the config in force (a reload changes it).</summary>
    public bool RequireKeys { get => requireKeys; set => requireKeys = value; }

    /// <summary>DESIGN.md's access rule: keys are required when the config says so or any key exists.</summary>
    public bool Required => requireKeys || directory.AnyKeys;

    /// <summary>Start-up line: whether /v1 needs keys and why.</summary>
    public string DescribeAccess() =>
        requireKeys ? "keys required: every /v1 request needs a virtual key (auth.require_keys is true)."
        : directory.AnyKeys ? $"keys required: every /v1 request needs a virtual key ({directory.Keys.Count} virtual key(s) exist)."
        : "open: no key is required and any key a client sends is ignored (no virtual key exists and auth.require_keys is false).";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        await ReloadAsync(force: true, cancellationToken);
    }

    /// <summary>Reloads when the store changed since the last load (or always, with <paramref name="force"/>).</summary>
    public async Task ReloadAsync(bool force, CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken);
        try
        {
            if (!force && await store.VersionAsync(cancellationToken) == directory.Version) return;
            var contents = await store.LoadAsync(cancellationToken);
            var keys = contents.Keys.Select(ToRecord).ToFrozenDictionary(k => k.Id, StringComparer.Ordinal);
            var projects = contents.Projects
                .Select(p => new ProjectRecord(p.Id, KeySettingsJson.ReadProject(p.Settings).Budgets))
                .ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
            ApplyOverrides(contents.Overrides);
            directory = new KeyDirectory(contents.Version, keys, projects);
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>The key a bearer token names, if it is a valid, live key; otherwise why not (never echoing the token).</summary>
    public (KeyIdentity? Identity, string? Refusal) Authenticate(string? token)
    {
        if (token is null) return (null, "You didn't provide an API key. Send your virtual key as 'Authorization: Bearer sk-sy-...'.");
        if (VirtualKeySecret.IdOf(token) is not { } id || !directory.Identities.TryGetValue(id, out var identity)
            || !VirtualKeySecret.Verify(token, identity.Key.Salt, identity.Key.Hash))
            return (null, "Incorrect API key provided. Use a virtual key created with `switchyard keys create`.");
        var key = identity.Key;
        if (key.IsRevoked) return (null, $"The API key {Display(key.Id)} has been revoked.");
        if (key.IsExpired(time.GetUtcNow())) return (null, $"The API key {Display(key.Id)} expired at {key.ExpiresAt:O}.");
        return (identity, null);
    }

    /// <summary>How a key is shown anywhere: its public id, never the secret.</summary>
    public static string Display(string id) => $"{VirtualKeySecret.Prefix}{id}...";

    /// <summary>Creates a key; the secret is returned this once and stored only as a salted hash.</summary>
    public async Task<(KeyRecord Record, string Secret)> CreateAsync(string project, string? name, DateTimeOffset? expiresAt, KeySettings settings,
        CancellationToken cancellationToken)
    {
        var (secret, id) = VirtualKeySecret.Generate();
        while (directory.Keys.ContainsKey(id)) (secret, id) = VirtualKeySecret.Generate(); // 47 bits of id: a clash is all but impossible
        var salt = VirtualKeySecret.NewSalt();
        var record = new KeyRecord
        {
            Id = id, Project = project, Name = name, Salt = salt, Hash = VirtualKeySecret.Hash(secret, salt),
            CreatedAt = time.GetUtcNow(), ExpiresAt = expiresAt,
            Budgets = settings.Budgets, Limits = settings.Limits, Policy = settings.Policy,
        };
        if (!directory.Projects.ContainsKey(project))
            await store.UpsertProjectAsync(new ProjectRow(project, KeySettingsJson.Write(new ProjectSettings(BudgetLimits.None))), cancellationToken);
        await store.InsertKeyAsync(ToRow(record), cancellationToken);
        await ReloadAsync(force: true, cancellationToken);
        KeyCreated(logger, Display(id), project);
        return (record, secret);
    }

    /// <summary>Applies a change to a key and stores it; effective on this replica when this returns. Null: no such key.</summary>
    public async Task<KeyRecord?> UpdateAsync(string id, Func<KeyRecord, KeyRecord> change, CancellationToken cancellationToken)
    {
        await ReloadAsync(force: false, cancellationToken);
        if (!directory.Keys.TryGetValue(id, out var current)) return null;
        var next = change(current);
        if (!await store.UpdateKeyAsync(ToRow(next), cancellationToken)) return null;
        await ReloadAsync(force: true, cancellationToken);
        return directory.Keys.GetValueOrDefault(id);
    }

    public async Task<KeyRecord?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = await UpdateAsync(id, k => k.RevokedAt is null ? k with { RevokedAt = now } : k, cancellationToken);
        if (revoked is not null) KeyRevoked(logger, Display(id));
        return revoked;
    }

    public async Task<ProjectRecord> SetProjectBudgetsAsync(string project, BudgetLimits budgets, CancellationToken cancellationToken)
    {
        await store.UpsertProjectAsync(new ProjectRow(project, KeySettingsJson.Write(new ProjectSettings(budgets))), cancellationToken);
        await ReloadAsync(force: true, cancellationToken);
        return directory.Projects[project];
    }

    /// <summary>Stores a route's weight overrides (null clears them) and applies them here at once.</summary>
    public async Task SetRouteWeightsAsync(string route, Dictionary<string, double>? routeWeights, CancellationToken cancellationToken)
    {
        await store.SetOverrideAsync(RouteWeightKind, route, routeWeights is null ? null : KeySettingsJson.WriteWeights(routeWeights), cancellationToken);
        await ReloadAsync(force: true, cancellationToken);
        RuntimeOverride(logger, routeWeights is null ? $"route '{route}' weights cleared (config weights apply)" : $"route '{route}' weights set");
    }

    /// <summary>Stores a route's policy, params and split (null clears them: the config file's apply) and applies them here at once.</summary>
    public async Task SetRoutePolicyAsync(string route, Core.Config.RoutePolicySpec? spec, CancellationToken cancellationToken)
    {
        await store.SetOverrideAsync(RoutePolicyKind, route, spec?.ToJson(), cancellationToken);
        await ReloadAsync(force: true, cancellationToken);
        RuntimeOverride(logger, spec is null ? $"route '{route}' policy cleared (config policy applies)" : $"route '{route}' policy set to {spec.Policy}");
    }

    public async Task SetModelDisabledAsync(string name, bool isDisabled, CancellationToken cancellationToken)
    {
        await store.SetOverrideAsync(ModelDisabledKind, name, isDisabled ? "true" : null, cancellationToken);
        await ReloadAsync(force: true, cancellationToken);
        RuntimeOverride(logger, $"'{name}' {(isDisabled ? "disabled" : "enabled")}");
    }

    /// <summary>Models and deployments disabled at runtime.</summary>
    public IReadOnlyCollection<string> DisabledNames => disabled.Names;

    /// <summary>The routes whose weights are overridden at runtime.</summary>
    public IReadOnlySet<string> WeightedOverrides => weightedRoutes;

    private void ApplyOverrides(IReadOnlyList<OverrideRow> overrides)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in overrides.Where(o => o.Kind == RouteWeightKind))
        {
            weights.Set(row.Name, KeySettingsJson.ReadWeights(row.Value));
            routes.Add(row.Name);
        }
        foreach (var gone in weightedRoutes.Where(r => !routes.Contains(r))) weights.Clear(gone);
        weightedRoutes = routes.ToFrozenSet(StringComparer.Ordinal);
        disabled.Replace(overrides.Where(o => o.Kind == ModelDisabledKind).Select(o => o.Name));
        routePolicies.Replace(overrides.Where(o => o.Kind == RoutePolicyKind).Select(o => (o.Name, o.Value)));
    }

    private static KeyRecord ToRecord(KeyRow row)
    {
        var settings = KeySettingsJson.ReadKey(row.Settings);
        return new KeyRecord
        {
            Id = row.Id, Project = row.Project, Name = row.Name, Salt = row.Salt, Hash = row.Hash,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedMs),
            ExpiresAt = row.ExpiresMs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            RevokedAt = row.RevokedMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null,
            Budgets = settings.Budgets, Limits = settings.Limits, Policy = settings.Policy,
        };
    }

    private static KeyRow ToRow(KeyRecord k) => new(k.Id, k.Project, k.Name, k.Salt, k.Hash, k.CreatedAt.ToUnixTimeMilliseconds(),
        k.ExpiresAt?.ToUnixTimeMilliseconds(), k.RevokedAt?.ToUnixTimeMilliseconds(), KeySettingsJson.Write(new KeySettings(k.Budgets, k.Limits, k.Policy)));

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Virtual key {Key} created for project {Project}.")]
    private static partial void KeyCreated(ILogger logger, string key, string project);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Virtual key {Key} revoked.")]
    private static partial void KeyRevoked(ILogger logger, string key);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Runtime override: {Change}.")]
    private static partial void RuntimeOverride(ILogger logger, string change);
}
