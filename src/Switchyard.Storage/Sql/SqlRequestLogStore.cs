using System.Data.Common;
using System.Runtime.CompilerServices;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using static Switchyard.Storage.Sql.SqlCommands;

namespace Switchyard.Storage.Sql;

/// <summary>
/// The store over ADO.NET, shared by both engines: the SQL is the same (ON CONFLICT, integer
/// division, @parameters work in SQLite and PostgreSQL alike); subclasses open connections and
/// serialise migrations their own way.
/// </summary>
public abstract class SqlRequestLogStore : IRequestLogStore
{
    private static readonly string ColumnList = string.Join(", ", RequestLogSchema.Columns.Select(c => c.Name));
    /// <summary>A multi-row insert that skips stored ids and returns the ids it did insert (RETURNING: SQLite 3.35+, PostgreSQL).</summary>
    private static string InsertSql(int rows) =>
        $"INSERT INTO request_log ({ColumnList}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", RequestLogSchema.Columns.Select((_, c) => $"@p{r}_{c}")) + ")")) +
        " ON CONFLICT (id) DO NOTHING RETURNING id";

    /// <summary>The parameters of <see cref="InsertSql"/>, row by row in column order.</summary>
    private static DbParameter[] InsertParameters(DbCommand command, int rows)
    {
        var columns = RequestLogSchema.Columns.Length;
        var parameters = new DbParameter[rows * columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) parameters[r * columns + c] = Parameter(command, $"@p{r}_{c}");
        return parameters;
    }

    protected abstract SqlDialect Dialect { get; }
    public abstract string Describe();
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Called inside the migration transaction before reading schema_version, so concurrent starters take turns.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called first in every write transaction, so writers from several processes add into the same
    /// rollup rows in turn. SQLite needs nothing: its write transactions begin IMMEDIATE and so serialise.
    /// </summary>
    protected virtual Task LockForWriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS schema_version (version {Dialect.Int} PRIMARY KEY, description {Dialect.Text} NOT NULL, applied_ms {Dialect.BigInt} NOT NULL)",
            cancellationToken);
        var applied = new HashSet<int>();
        await using (var read = Command(connection, transaction, "SELECT version FROM schema_version"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) applied.Add(Convert.ToInt32(reader.GetValue(0)));
        foreach (var migration in RequestLogSchema.Migrations.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var statement in migration.Statements(Dialect))
            {
                await using var step = Command(connection, transaction, statement);
                step.CommandTimeout = 0; // no limit: building the rollup from a large table takes a pass over it (18 s per million rows)
                await step.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version, description, applied_ms) VALUES (@v, @d, @t)");
            Add(record, "@v", migration.Version);
            Add(record, "@d", migration.Description);
            Add(record, "@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The schema versions applied, ascending.</summary>
    public async Task<IReadOnlyList<int>> SchemaVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT version FROM schema_version ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken)) versions.Add(Convert.ToInt32(reader.GetValue(0)));
        return versions;
    }

    /// <summary>Inserts the rows and adds the ones that were new to the spend rollup, all in one transaction.</summary>
    public async Task WriteAsync(IReadOnlyList<RequestLogRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForWriteAsync(connection, transaction, cancellationToken);
        // One row per id (a batch could hold a replayed row twice), then those the store did not have yet.
        var unique = rows.DistinctBy(r => r.Id, StringComparer.Ordinal).ToList();
        var inserted = await InsertNewRowsAsync(connection, transaction, unique, cancellationToken);
        await SpendRollup.AddAsync(connection, transaction, Dialect, inserted, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts rows with distinct ids, skipping ids already stored, and returns the rows that were
    /// new. This one binds named ADO.NET parameters, many rows per statement; SQLite binds by
    /// position instead (<see cref="Sqlite.SqliteRowInserter"/>).
    /// </summary>
    protected virtual async Task<List<RequestLogRow>> InsertNewRowsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<RequestLogRow> unique, CancellationToken cancellationToken)
    {
        var inserted = new List<RequestLogRow>(unique.Count);
        var perStatement = Dialect.RowsPerStatement;
        // Full chunks share one command whose parameters are created once and re-bound per chunk, so
        // SQLite parses the INSERT once per batch, not once per chunk. Only a last, shorter chunk gets its own.
        await using var full = Command(connection, transaction, InsertSql(perStatement));
        var fullParameters = InsertParameters(full, perStatement);
        foreach (var chunk in unique.Chunk(perStatement))
        {
            var last = chunk.Length == perStatement ? null : Command(connection, transaction, InsertSql(chunk.Length));
            await using (last)
            {
                var command = last ?? full;
                var parameters = last is null ? fullParameters : InsertParameters(last, chunk.Length);
                for (var r = 0; r < chunk.Length; r++)
                {
                    var values = RowMapping.Values(chunk[r]);
                    for (var c = 0; c < values.Length; c++) parameters[r * values.Length + c].Value = values[c] ?? DBNull.Value;
                }
                if (chunk.Length == 1)
                {
                    // One row: the count of rows changed says whether it was new, so no reader of the
                    // RETURNING ids is needed (a reader per row was ~1 KB and a round of calls).
                    if (await command.ExecuteNonQueryAsync(cancellationToken) == 1) inserted.Add(chunk[0]);
                    continue;
                }
                var newIds = new HashSet<string>(StringComparer.Ordinal);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                    while (await reader.ReadAsync(cancellationToken)) newIds.Add(reader.GetString(0));
                inserted.AddRange(chunk.Where(row => newIds.Contains(row.Id)));
            }
        }
        return inserted;
    }

    public async Task<RequestLogRow?> FindAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {ColumnList} FROM request_log WHERE id = @id");
        Add(command, "@id", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RowMapping.Read(reader, 0) : null;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM request_log");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    public async Task<bool> SaveFeedbackAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exists = Command(connection, transaction, "SELECT COUNT(*) FROM request_log WHERE id = @id"))
        {
            Add(exists, "@id", feedback.RequestId);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken)) == 0) return false;
        }
        await using var upsert = Command(connection, transaction,
            "INSERT INTO feedback (request_id, time_ms, score, label, comment) VALUES (@id, @t, @s, @l, @c) " +
            "ON CONFLICT (request_id) DO UPDATE SET time_ms = excluded.time_ms, score = excluded.score, label = excluded.label, comment = excluded.comment");
        Add(upsert, "@id", feedback.RequestId);
        Add(upsert, "@t", feedback.TimeMs);
        Add(upsert, "@s", feedback.Score);
        Add(upsert, "@l", feedback.Label);
        Add(upsert, "@c", feedback.Comment);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Feedback?> FindFeedbackAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT request_id, score, label, comment, time_ms FROM feedback WHERE request_id = @id");
        Add(command, "@id", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadFeedback(reader, 0) : null;
    }

    /// <summary>
    /// Whole periods of the range come from the spend rollup (the smallest set covering the group_by),
    /// the partial ones at either end from the rows through the spend index; a group_by no set
    /// covers, or a range within one period, reads only rows. Both paths give the same figures.
    /// </summary>
    public async Task<SpendReport> SpendAsync(SpendQuery query, CancellationToken cancellationToken)
    {
        var dims = query.GroupBy;
        var (from, to) = (query.From.ToUnixTimeMilliseconds(), query.To.ToUnixTimeMilliseconds());
        var accumulator = new SpendAccumulator(dims);
        await using var connection = await OpenAsync(cancellationToken);
        var set = SpendRollupSet.Covering(dims);
        var period = set?.PeriodMs ?? SpendRollupSet.HourMs;
        var firstWhole = (from + period - 1) / period * period; // whole periods: hours, or days for the every-column set
        var endOfWhole = to / period * period;
        if (set is null || from < 0 || firstWhole >= endOfWhole)
        {
            await SpendFromRowsAsync(connection, dims, from, to, accumulator, cancellationToken);
            return accumulator.Build(query);
        }
        if (from < firstWhole) await SpendFromRowsAsync(connection, dims, from, firstWhole, accumulator, cancellationToken);
        await SpendRollup.ReadAsync(connection, set, dims, firstWhole, endOfWhole, accumulator, cancellationToken);
        if (endOfWhole < to) await SpendFromRowsAsync(connection, dims, endOfWhole, to, accumulator, cancellationToken);
        return accumulator.Build(query);
    }

    /// <summary>The rows in [from, to) through the spend index, one answer row per group and latency bucket.</summary>
    private static async Task SpendFromRowsAsync(DbConnection connection, IReadOnlyList<SpendDimension> dims, long from, long to,
        SpendAccumulator accumulator, CancellationToken cancellationToken)
    {
        var keys = string.Concat(dims.Select(d => d.Sql + ", "));
        var sql =
            $"SELECT {keys}latency_bucket, COUNT(*), SUM(failed), SUM(input_tokens), SUM(output_tokens), SUM(cached_tokens), SUM(reasoning_tokens), " +
            "SUM(cost_usd), SUM(baseline_cost_usd), SUM(baseline_cost_usd - cost_usd) " +
            $"FROM request_log WHERE time_ms >= @from AND time_ms < @to GROUP BY {keys}latency_bucket";
        await using var command = Command(connection, null, sql);
        Add(command, "@from", from);
        Add(command, "@to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var n = dims.Count;
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new string?[n];
            for (var i = 0; i < n; i++)
                key[i] = reader.IsDBNull(i) ? null
                    : dims[i].IsTimeBucket ? SpendDimension.FormatBucket(Convert.ToInt64(reader.GetValue(i)))
                    : reader.GetString(i);
            accumulator.Add(key, Convert.ToInt32(reader.GetValue(n)), Long(reader, n + 1), Long(reader, n + 2), Long(reader, n + 3),
                Long(reader, n + 4), Long(reader, n + 5), Long(reader, n + 6), Double(reader, n + 7), Double(reader, n + 8), Double(reader, n + 9));
        }
    }

    public async IAsyncEnumerable<(RequestLogRow Row, Feedback Feedback)> RowsWithFeedbackAsync(DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var columns = string.Join(", ", RequestLogSchema.Columns.Select(c => "r." + c.Name));
        await using var command = Command(connection, null,
            $"SELECT {columns}, f.request_id, f.score, f.label, f.comment, f.time_ms FROM request_log r JOIN feedback f ON f.request_id = r.id " +
            "WHERE r.time_ms >= @from AND r.time_ms < @to ORDER BY r.time_ms, r.id");
        Add(command, "@from", from.ToUnixTimeMilliseconds());
        Add(command, "@to", to.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return (RowMapping.Read(reader, 0), ReadFeedback(reader, RequestLogSchema.Columns.Length));
    }

    private static Feedback ReadFeedback(DbDataReader reader, int at) => new(reader.GetString(at), Convert.ToDouble(reader.GetValue(at + 1)),
        reader.IsDBNull(at + 2) ? null : reader.GetString(at + 2), reader.IsDBNull(at + 3) ? null : reader.GetString(at + 3), Convert.ToInt64(reader.GetValue(at + 4)));

    private static long Long(DbDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i));
    private static double Double(DbDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToDouble(reader.GetValue(i));
}
