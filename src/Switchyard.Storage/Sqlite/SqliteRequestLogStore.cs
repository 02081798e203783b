using System.Data.Common;
using Microsoft.Data.Sqlite;
using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// The default store: one SQLite file in WAL mode (readers never wait on the writer) with
/// synchronous=NORMAL, which keeps every committed transaction through a crash of the process
/// (kill -9); only a power loss can take the last commits.
/// </summary>
public sealed class SqliteRequestLogStore : SqlRequestLogStore
{
    public const string FileName = "requests.db";

    private readonly string connectionString;

    public SqliteRequestLogStore(string path)
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

    /// <summary>The store in a data folder: DATA_DIR/requests.db.</summary>
    public static SqliteRequestLogStore InDataDir(string dataDir) => new(System.IO.Path.Combine(dataDir, FileName));

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
        SqliteConnection.ClearAllPools(); // release the file (tests delete their folders)
        return base.DisposeAsync();
    }
}
