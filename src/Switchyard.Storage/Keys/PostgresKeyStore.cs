using System.Data.Common;
using Npgsql;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Keys;

/// <summary>
/// The key store for several replicas: PostgreSQL, the same schema as SQLite. Migrations take their
/// own advisory lock (not the request log's), so replicas starting together apply each once.
/// Connection defaults as in <see cref="PostgresConnections"/>.
/// </summary>
public sealed class PostgresKeyStore : SqlKeyStore
{
    /// <summary>An arbitrary constant naming the key store's migration lock.</summary>
    private const long MigrationLockKey = 0x5377_4b65_7973;

    private readonly NpgsqlDataSource dataSource;
    private readonly string description;

    public PostgresKeyStore(string connectionString) =>
        dataSource = PostgresConnections.CreateDataSource(connectionString, out description);

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Describe() => description;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        PostgresConnections.LockAsync(connection, transaction, MigrationLockKey, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
