using System.Collections.Frozen;
using Switchyard.Core.Keys;

namespace Switchyard.Server.Keys;

/// <summary>An immutable view of every key and project, swapped whole when the store changes.</summary>
public sealed class KeyDirectory(long version, FrozenDictionary<string, KeyRecord> keys, FrozenDictionary<string, ProjectRecord> projects)
{
    public static readonly KeyDirectory Empty = new(-1, FrozenDictionary<string, KeyRecord>.Empty, FrozenDictionary<string, ProjectRecord>.Empty);

    /// <summary>Each key with its project and routing policy, built once per load rather than per request.</summary>
    public FrozenDictionary<string, KeyIdentity> Identities { get; } = keys.Values
        .Select(k => new KeyIdentity(k, projects.GetValueOrDefault(k.Project) ?? new ProjectRecord(k.Project, BudgetLimits.None)))
        .ToFrozenDictionary(i => i.Key.Id, StringComparer.Ordinal);

    public long Version { get; } = version;
    public FrozenDictionary<string, KeyRecord> Keys { get; } = keys;
    public FrozenDictionary<string, ProjectRecord> Projects { get; } = projects;

    /// <summary>Any key was ever created (revoked ones count: revoking the last key does not reopen the gateway).</summary>
    public bool AnyKeys => Keys.Count > 0;
}

/// <summary>Who a request authenticated as.</summary>
public sealed record KeyIdentity(KeyRecord Key, ProjectRecord Project)
{
    /// <summary>The key's routing policy, built once per key version.</summary>
    public Core.Routing.KeyRoutingPolicy Routing { get; } = Key.Policy.ToRouting();

    /// <summary>The budgets that apply to the key's requests, built once per key version, not per request.</summary>
    public IReadOnlyList<Core.Keys.BudgetLine> BudgetLines { get; } = KeyGate.Lines(Key, Project);
}
