using System.Data.Common;
using Switchyard.Storage.Sql;
using static Switchyard.Storage.Sql.SqlCommands;

namespace Switchyard.Storage.Keys;

/// <summary>
/// The key store over ADO.NET, shared by both engines (the SQL is the same); subclasses open
/// connections and serialise migrations their own way. Budget syncs lock their counter's row
/// (SQLite: the write transaction; PostgreSQL: the row lock of an UPDATE) so replicas take turns.
/// </summary>
public abstract class SqlKeyStore : IKeyStore
{
    private const string KeyColumns = "id, project, name, salt, hash, created_ms, expires_ms, revoked_ms, settings";

    protected abstract SqlDialect Dialect { get; }
    public abstract string Describe();
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Called inside the migration transaction before reading keys_schema_version, so concurrent starters take turns.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            $"CREATE TABLE IF NOT EXISTS keys_schema_version (version {Dialect.Int} PRIMARY KEY, description {Dialect.Text} NOT NULL, applied_ms {Dialect.BigInt} NOT NULL)",
            cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        var applied = new HashSet<int>();
        await using (var read = Command(connection, transaction, "SELECT version FROM keys_schema_version"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) applied.Add(Convert.ToInt32(reader.GetValue(0)));
        foreach (var migration in KeySchema.Migrations.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var statement in migration.Statements(Dialect)) await ExecuteAsync(connection, transaction, statement, cancellationToken);
            await using var record = Command(connection, transaction, "INSERT INTO keys_schema_version (version, description, applied_ms) VALUES (@v, @d, @t)");
            Add(record, "@v", migration.Version);
            Add(record, "@d", migration.Description);
            Add(record, "@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await VersionAsync(connection, null, cancellationToken);
    }

    public async Task<KeyStoreContents> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // One transaction: the version read matches the rows read (PostgreSQL: repeatable read).
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var version = await VersionAsync(connection, transaction, cancellationToken);
        var keys = new List<KeyRow>();
        await using (var command = Command(connection, transaction, $"SELECT {KeyColumns} FROM keys_key"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) keys.Add(ReadKey(reader));
        var projects = new List<ProjectRow>();
        await using (var command = Command(connection, transaction, "SELECT id, settings FROM keys_project"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) projects.Add(new ProjectRow(reader.GetString(0), reader.GetString(1)));
        var overrides = new List<OverrideRow>();
        await using (var command = Command(connection, transaction, "SELECT kind, name, value FROM keys_override"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) overrides.Add(new OverrideRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        await transaction.CommitAsync(cancellationToken);
        return new KeyStoreContents(version, keys, projects, overrides);
    }

    public async Task InsertKeyAsync(KeyRow key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(connection, transaction,
            $"INSERT INTO keys_key ({KeyColumns}) VALUES (@id, @project, @name, @salt, @hash, @created, @expires, @revoked, @settings)"))
        {
            AddKey(command, key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> UpdateKeyAsync(KeyRow key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int changed;
        await using (var command = Command(connection, transaction,
            "UPDATE keys_key SET project = @project, name = @name, salt = @salt, hash = @hash, created_ms = @created, expires_ms = @expires, " +
            "revoked_ms = @revoked, settings = @settings WHERE id = @id"))
        {
            AddKey(command, key);
            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (changed > 0) await BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    public async Task UpsertProjectAsync(ProjectRow project, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(connection, transaction,
            "INSERT INTO keys_project (id, settings) VALUES (@id, @settings) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings"))
        {
            Add(command, "@id", project.Id);
            Add(command, "@settings", project.Settings);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetOverrideAsync(string kind, string name, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(connection, transaction, value is null
            ? "DELETE FROM keys_override WHERE kind = @kind AND name = @name"
            : "INSERT INTO keys_override (kind, name, value) VALUES (@kind, @name, @value) ON CONFLICT (kind, name) DO UPDATE SET value = excluded.value"))
        {
            Add(command, "@kind", kind);
            Add(command, "@name", name);
            if (value is not null) Add(command, "@value", value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<BudgetSyncOutcome> SyncBudgetAsync(BudgetSyncRow sync, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var ensure = Command(connection, transaction,
            "INSERT INTO keys_budget (scope, period, spent_nusd) VALUES (@s, @p, 0) ON CONFLICT (scope, period) DO NOTHING"))
        {
            AddCounter(ensure, sync);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        long spent;
        // The UPDATE locks the counter's row until commit: replicas syncing the same counter take turns.
        await using (var add = Command(connection, transaction,
            "UPDATE keys_budget SET spent_nusd = spent_nusd + @delta WHERE scope = @s AND period = @p RETURNING spent_nusd"))
        {
            AddCounter(add, sync);
            Add(add, "@delta", sync.SpentDeltaNanoUsd);
            spent = Convert.ToInt64(await add.ExecuteScalarAsync(cancellationToken));
        }
        long others;
        await using (var read = Command(connection, transaction,
            "SELECT COALESCE(SUM(holding_nusd), 0) FROM keys_budget_lease WHERE scope = @s AND period = @p AND replica <> @r AND expires_ms > @now"))
        {
            AddCounter(read, sync);
            Add(read, "@r", sync.Replica);
            Add(read, "@now", sync.NowMs);
            others = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken));
        }
        var holding = Math.Max(0, sync.HoldingNanoUsd);
        var left = sync.LimitNanoUsd - spent - others - holding;
        var granted = Math.Clamp(sync.GrantFor(Math.Max(0, left)), 0, Math.Max(0, left));
        await using (var lease = Command(connection, transaction,
            "INSERT INTO keys_budget_lease (scope, period, replica, holding_nusd, expires_ms) VALUES (@s, @p, @r, @h, @until) " +
            "ON CONFLICT (scope, period, replica) DO UPDATE SET holding_nusd = excluded.holding_nusd, expires_ms = excluded.expires_ms"))
        {
            AddCounter(lease, sync);
            Add(lease, "@r", sync.Replica);
            Add(lease, "@h", holding + granted);
            Add(lease, "@until", sync.LeaseUntilMs);
            await lease.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new BudgetSyncOutcome(granted, spent, others);
    }

    public async Task<IReadOnlyList<BudgetCounterRow>> BudgetCountersAsync(string scope, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT scope, period, spent_nusd FROM keys_budget WHERE scope = @s ORDER BY period");
        Add(command, "@s", scope);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<BudgetCounterRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new BudgetCounterRow(reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2))));
        return rows;
    }

    private static async Task<long> VersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT version FROM keys_change WHERE id = 1");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task BumpAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, "UPDATE keys_change SET version = version + 1 WHERE id = 1", cancellationToken);

    private static KeyRow ReadKey(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
        Convert.FromBase64String(r.GetString(3)), Convert.FromBase64String(r.GetString(4)),
        Convert.ToInt64(r.GetValue(5)), r.IsDBNull(6) ? null : Convert.ToInt64(r.GetValue(6)), r.IsDBNull(7) ? null : Convert.ToInt64(r.GetValue(7)),
        r.GetString(8));

    private static void AddKey(DbCommand command, KeyRow key)
    {
        Add(command, "@id", key.Id);
        Add(command, "@project", key.Project);
        Add(command, "@name", key.Name);
        Add(command, "@salt", Convert.ToBase64String(key.Salt));
        Add(command, "@hash", Convert.ToBase64String(key.Hash));
        Add(command, "@created", key.CreatedMs);
        Add(command, "@expires", key.ExpiresMs);
        Add(command, "@revoked", key.RevokedMs);
        Add(command, "@settings", key.Settings);
    }

    private static void AddCounter(DbCommand command, BudgetSyncRow sync)
    {
        Add(command, "@s", sync.Scope);
        Add(command, "@p", sync.Period);
    }
}
