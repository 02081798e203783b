using System.Data.Common;
using Microsoft.Data.Sqlite;
using Switchyard.Storage.Rows;
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
    }

    /// <summary>WAL is a property of the file: set by the first connection that succeeds (a failing disk at start is retried, not fatal).</summary>
    private volatile bool walSet;

    /// <summary>The store in a data folder: DATA_DIR/requests.db.</summary>
    public static SqliteRequestLogStore InDataDir(string dataDir) => new(System.IO.Path.Combine(dataDir, FileName));

    public string Path { get; }

    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string Describe() => $"SQLite at {Path}";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = (walSet ? "" : "PRAGMA journal_mode=WAL; ") + "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            walSet = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override Task<List<RequestLogRow>> InsertNewRowsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<RequestLogRow> unique, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteRowInserter.Insert((SqliteConnection)connection, unique)); // in-process and quick: no await to gain

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools(); // release the file (tests delete their folders)
        return base.DisposeAsync();
    }
}
