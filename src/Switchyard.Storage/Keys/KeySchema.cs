using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Keys;

/// <summary>
/// The key store's schema, as numbered migrations recorded in keys_schema_version (its own track, so
/// it never collides with the request log's schema_version). Money is stored as nano-USD integers,
/// so concurrent additions are exact. Add a migration at the end; never edit one that shipped.
/// </summary>
public static class KeySchema
{
    public sealed record Migration(int Version, string Description, Func<SqlDialect, IReadOnlyList<string>> Statements);

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "keys, projects, budget counters and leases, overrides, change counter", d =>
        [
            $"CREATE TABLE keys_project (id {d.Text} PRIMARY KEY, settings {d.Text} NOT NULL)",
            $"CREATE TABLE keys_key (id {d.Text} PRIMARY KEY, project {d.Text} NOT NULL, name {d.Text}, salt {d.Text} NOT NULL, hash {d.Text} NOT NULL, " +
                $"created_ms {d.BigInt} NOT NULL, expires_ms {d.BigInt}, revoked_ms {d.BigInt}, settings {d.Text} NOT NULL)",
            $"CREATE TABLE keys_budget (scope {d.Text} NOT NULL, period {d.Text} NOT NULL, spent_nusd {d.BigInt} NOT NULL, PRIMARY KEY (scope, period))",
            $"CREATE TABLE keys_budget_lease (scope {d.Text} NOT NULL, period {d.Text} NOT NULL, replica {d.Text} NOT NULL, " +
                $"holding_nusd {d.BigInt} NOT NULL, expires_ms {d.BigInt} NOT NULL, PRIMARY KEY (scope, period, replica))",
            $"CREATE TABLE keys_override (kind {d.Text} NOT NULL, name {d.Text} NOT NULL, value {d.Text} NOT NULL, PRIMARY KEY (kind, name))",
            $"CREATE TABLE keys_change (id {d.Int} PRIMARY KEY, version {d.BigInt} NOT NULL)",
            "INSERT INTO keys_change (id, version) VALUES (1, 0)",
        ]),
    ];
}
