using System.Data.Common;
using Microsoft.Data.Sqlite;
using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Keys;

/// <summary>
/// The default key store: SQLite at server.data_dir/keys.db, WAL mode like the request log. Write
/// transactions begin IMMEDIATE (Microsoft.Data.Sqlite's default), so budget syncs serialise.
/// </summary>
public sealed class SqliteKeyStore : SqlKeyStore
{
    public const string FileName = "keys.db";

    private readonly string connectionString;

    public SqliteKeyStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 10 }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL";
        wal.ExecuteNonQuery();
    }

    public static SqliteKeyStore InDataDir(string dataDir) => new(System.IO.Path.Combine(dataDir, FileName));

    public string Path { get; }

    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string Describe() => $"SQLite at {Path}";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}
