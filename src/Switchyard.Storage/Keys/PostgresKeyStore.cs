using System.Data.Common;
using Npgsql;
using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Keys;

/// <summary>
/// The key store for several replicas: PostgreSQL, the same schema as SQLite. Migrations take their
/// own advisory lock (not the request log's), so replicas starting together apply each once.
/// Connecting gives up after 3 s and a command after 15 s unless the connection string says otherwise.
/// </summary>
public sealed class PostgresKeyStore : SqlKeyStore
{
    /// <summary>An arbitrary constant naming the key store's migration lock.</summary>
    private const long MigrationLockKey = 0x5377_4b65_7973;

    private readonly NpgsqlDataSource dataSource;
    private readonly string description;

    public PostgresKeyStore(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout")) builder.Timeout = 3;
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout")) builder.CommandTimeout = 15;
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        description = $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}";
    }

    protected override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Describe() => description;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
