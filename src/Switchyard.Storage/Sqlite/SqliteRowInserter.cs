using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Sql;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Inserts request log rows into SQLite through one statement prepared per batch and bound by
/// position, straight on the connection's handle (inside the caller's transaction). Through
/// Microsoft.Data.Sqlite each row cost ~14 µs and ~5 KB: 38 boxed values, a parameter found by
/// name for each, a UTF-8 array per string and a data reader per execution. Here a row is bound
/// from its fields into one reused UTF-8 buffer (bench/RESULTS.md, "request log write").
/// </summary>
internal static class SqliteRowInserter
{
    private static readonly string InsertSql =
        $"INSERT INTO request_log ({string.Join(", ", RequestLogSchema.Columns.Select(c => c.Name))}) " +
        $"VALUES ({string.Join(", ", RequestLogSchema.Columns.Select((_, i) => $"?{i + 1}"))}) ON CONFLICT (id) DO NOTHING";

    /// <summary>Inserts the rows (unique ids) and returns those the table did not hold yet, in order.</summary>
    public static List<RequestLogRow> Insert(SqliteConnection connection, IReadOnlyList<RequestLogRow> rows)
    {
        var db = connection.Handle!;
        var inserted = new List<RequestLogRow>(rows.Count);
        Check(raw.sqlite3_prepare_v2(db, InsertSql, out var statement), db);
        var scratch = new Utf8Scratch();
        try
        {
            using (statement)
            {
                foreach (var row in rows)
                {
                    var sink = new StatementSink(statement, db, scratch);
                    RowMapping.Emit(row, ref sink);
                    var stepped = raw.sqlite3_step(statement);
                    var changed = raw.sqlite3_changes(db);
                    raw.sqlite3_reset(statement);
                    if (stepped != raw.SQLITE_DONE) Check(stepped, db);
                    if (changed == 1) inserted.Add(row); // 0: the id was stored already (a replayed row)
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch.Buffer);
        }
        return inserted;
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>The batch's UTF-8 buffer, pooled; grown (and the smaller one handed back) for a long value.</summary>
    private sealed class Utf8Scratch
    {
        public byte[] Buffer { get; private set; } = ArrayPool<byte>.Shared.Rent(1024);

        public Span<byte> Encode(string value)
        {
            var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (needed > Buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(needed);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = larger;
            }
            return Buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, Buffer));
        }
    }

    /// <summary>Binds column i to parameter ?(i+1). SQLite copies text on bind (SQLITE_TRANSIENT), so one buffer serves every value.</summary>
    private readonly struct StatementSink(sqlite3_stmt statement, sqlite3 db, Utf8Scratch scratch) : IColumnSink
    {
        public void Text(int column, string? value)
        {
            if (value is null) { Null(column); return; }
            Check(raw.sqlite3_bind_text(statement, column + 1, scratch.Encode(value)), db);
        }

        public void Integer(int column, long? value)
        {
            if (value is { } v) Check(raw.sqlite3_bind_int64(statement, column + 1, v), db);
            else Null(column);
        }

        public void Real(int column, double? value)
        {
            if (value is { } v) Check(raw.sqlite3_bind_double(statement, column + 1, v), db);
            else Null(column);
        }

        private void Null(int column) => Check(raw.sqlite3_bind_null(statement, column + 1), db);
    }
}
