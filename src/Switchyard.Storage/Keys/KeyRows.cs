namespace Switchyard.Storage.Keys;

/// <summary>
/// A virtual key as stored: the id (the key's non-secret start), its project, the salt and SHA-256
/// of the key (never the key), times in Unix ms, and its budgets, limits and policy as one JSON
/// document that the server reads and writes (the store does not look inside).
/// </summary>
public sealed record KeyRow(
    string Id,
    string Project,
    string? Name,
    byte[] Salt,
    byte[] Hash,
    long CreatedMs,
    long? ExpiresMs,
    long? RevokedMs,
    string Settings);

/// <summary>A project and its budgets (JSON, as for keys).</summary>
public sealed record ProjectRow(string Id, string Settings);

/// <summary>
/// A runtime override made through the admin API: <see cref="Kind"/> says what ("route_weight",
/// "model_disabled"), <see cref="Name"/> which one, <see cref="Value"/> the setting as text.
/// </summary>
public sealed record OverrideRow(string Kind, string Name, string Value);

/// <summary>Everything the server caches, read in one go, with the change counter it matches.</summary>
public sealed record KeyStoreContents(long Version, IReadOnlyList<KeyRow> Keys, IReadOnlyList<ProjectRow> Projects, IReadOnlyList<OverrideRow> Overrides);

/// <summary>A budget counter's total spend for one period (nano-USD).</summary>
public sealed record BudgetCounterRow(string Scope, string Period, long SpentNanoUsd);

/// <param name="HoldingNanoUsd">What the calling replica still holds of its lease.</param>
/// <param name="GrantFor">Given what is left (nano-USD, after all spend and unlapsed leases), how much more to lease.</param>
public sealed record BudgetSyncRow(
    string Scope,
    string Period,
    string Replica,
    long LimitNanoUsd,
    long SpentDeltaNanoUsd,
    long HoldingNanoUsd,
    Func<long, long> GrantFor,
    long NowMs,
    long LeaseUntilMs);

public readonly record struct BudgetSyncOutcome(long GrantedNanoUsd, long SpentNanoUsd, long OthersHoldingNanoUsd);
