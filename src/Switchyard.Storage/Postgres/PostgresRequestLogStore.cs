using System.Data.Common;
using Npgsql;
using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// The store for several replicas: PostgreSQL through Npgsql, same schema as SQLite. Migrations
/// take a transaction-scoped advisory lock, so replicas starting together apply each one once;
/// writes take another, so replicas add into the same spend rollup rows in turn (one batch at a
/// time per replica, so the wait is short). Connection defaults as in <see cref="PostgresConnections"/>.
/// </summary>
public sealed class PostgresRequestLogStore : SqlRequestLogStore
{
    /// <summary>Arbitrary constants naming the migration lock and the rollup write lock.</summary>
    private const long MigrationLockKey = 0x5377_6974_6368;
    private const long RollupLockKey = 0x5377_526f_6c6c;

    private readonly NpgsqlDataSource dataSource;
    private readonly string description;

    public PostgresRequestLogStore(string connectionString) =>
        dataSource = PostgresConnections.CreateDataSource(connectionString, out description);

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Describe() => description;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        PostgresConnections.LockAsync(connection, transaction, MigrationLockKey, cancellationToken);

    protected override Task LockForWriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        PostgresConnections.LockAsync(connection, transaction, RollupLockKey, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
