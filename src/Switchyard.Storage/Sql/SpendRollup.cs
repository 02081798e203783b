using System.Collections.Concurrent;
using System.Data.Common;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;
using static Switchyard.Storage.Sql.SqlCommands;

namespace Switchyard.Storage.Sql;

/// <summary>
/// The spend rollup (table spend_rollup): for every <see cref="SpendRollupSet"/>, period (hour_ms:
/// the start of its hour, or day) and value of the set's columns, the request count, errors, token
/// and money sums and the latency histogram of the rows. Kept up to date in the same transaction that inserts the rows, from the
/// rows actually inserted (a replayed row is skipped, so it is never counted twice); built from
/// the existing rows by the migration that adds it. Sums are exact; percentiles carry the 2% of
/// the latency buckets, the same as when read from the rows.
/// </summary>
internal static class SpendRollup
{
    private static readonly IReadOnlyList<string> Dimensions = SpendRollupSet.DimensionColumns;
    private static readonly string KeyColumns = "grouping_set, hour_ms, " + string.Join(", ", Dimensions);
    private static readonly string[] Figures =
        ["requests", "errors", "input_tokens", "output_tokens", "cached_tokens", "reasoning_tokens", "cost_usd", "baseline_cost_usd", "savings_usd"];

    public static IReadOnlyList<string> CreateStatements(SqlDialect d) =>
    [
        $"CREATE TABLE spend_rollup (grouping_set {d.Int} NOT NULL, hour_ms {d.BigInt} NOT NULL, " +
        string.Concat(Dimensions.Select(c => $"{c} {d.Text} NOT NULL, ")) +
        string.Concat(Figures.Select(c => $"{c} {(c.EndsWith("_usd", StringComparison.Ordinal) ? d.Real : d.BigInt)} NOT NULL, ")) +
        $"latency {d.Text} NOT NULL, PRIMARY KEY ({KeyColumns}))",
        .. SpendRollupSet.All.Select(set => BackfillStatement(d, set)),
    ];

    /// <summary>Builds one set's rollup from the rows already stored: buckets counted per period and group, then joined into the histogram text.</summary>
    private static string BackfillStatement(SqlDialect d, SpendRollupSet set)
    {
        var held = set.Columns.Select(c => $"COALESCE('=' || {c}, '')").ToList();
        var inner = string.Concat(held.Select((e, i) => $"{e} AS g{i}, "));
        var groupInner = string.Concat(held.Select(e => e + ", "));
        var outerDims = string.Join(", ", Dimensions.Select(c => set.Holds(c) ? $"g{set.Columns.ToList().IndexOf(c)}" : "''"));
        var groupOuter = string.Concat(set.Columns.Select((_, i) => $", g{i}"));
        return
            $"INSERT INTO spend_rollup ({KeyColumns}, {string.Join(", ", Figures)}, latency) " +
            $"SELECT {set.Id}, h, {outerDims}, SUM(n), SUM(e), SUM(i), SUM(o), SUM(c), SUM(r), SUM(cost), SUM(base), SUM(save), " +
            $"{d.StringAgg}(CAST(b AS {d.Text}) || ':' || CAST(n AS {d.Text}), ',') FROM (" +
            $"SELECT (time_ms / {set.PeriodMs}) * {set.PeriodMs} AS h, {inner}latency_bucket AS b, COUNT(*) AS n, SUM(failed) AS e, " +
            "COALESCE(SUM(input_tokens), 0) AS i, COALESCE(SUM(output_tokens), 0) AS o, COALESCE(SUM(cached_tokens), 0) AS c, " +
            "COALESCE(SUM(reasoning_tokens), 0) AS r, COALESCE(SUM(cost_usd), 0) AS cost, COALESCE(SUM(baseline_cost_usd), 0) AS base, " +
            "COALESCE(SUM(baseline_cost_usd - cost_usd), 0) AS save " +
            $"FROM request_log GROUP BY (time_ms / {set.PeriodMs}) * {set.PeriodMs}, {groupInner}latency_bucket) buckets GROUP BY h{groupOuter}";
    }

    /// <summary>Adds freshly inserted rows to the rollup. Caller holds the write transaction (and, across replicas, the write lock).</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<RequestLogRow> inserted,
        CancellationToken cancellationToken)
    {
        if (inserted.Count == 0) return;
        // A row adds to one cell per set. Finding that cell compares the row's own values (CellKey), so
        // only a new cell allocates its key; the string keys of the first version cost ~4 KB per row,
        // a third of all the gateway allocated per request (bench/RESULTS.md).
        var cells = new Dictionary<CellKey, Cell>(CellKeyComparer.Instance);
        foreach (var row in inserted)
        foreach (var (set, columns) in Sets)
        {
            var at = new CellKey(set, columns, row.TimeMs / set.PeriodMs * set.PeriodMs, row);
            if (!cells.TryGetValue(at, out var cell)) cells[at] = cell = new Cell(KeyOf(at));
            cell.Add(row);
        }

        // Per few cells (SqlDialect.RowsPerStatement), two statements: read the stored histograms, then
        // insert-or-add. The caller's lock keeps anyone else from changing these rows in between. Each
        // statement is prepared once per batch and size, then re-bound per chunk: building them
        // per cell cost ~185 KB of allocation and two SQLite prepares per cell and batch.
        await using var find = new ReboundStatement(connection, transaction, FindSqlBySize, KeyWidth, "k");
        await using var upsert = new ReboundStatement(connection, transaction, UpsertSqlBySize, KeyWidth + Figures.Length + 1, "v");
        foreach (var chunk in cells.Values.Chunk(dialect.RowsPerStatement))
        {
            await using (var reader = await find.Bind(chunk.Length, c => chunk[c].Key).ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) CellOf(chunk, reader).Stored = reader.GetString(KeyWidth);
            await upsert.Bind(chunk.Length, c => [.. chunk[c].Key, .. chunk[c].Figures(), chunk[c].Latency.Merged(chunk[c].Stored)])
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The cell of the chunk a stored row (key columns first) belongs to.</summary>
    private static Cell CellOf(Cell[] chunk, DbDataReader reader)
    {
        if (chunk.Length == 1) return chunk[0]; // the join returns nothing but this cell's row
        var (set, period) = (Convert.ToInt32(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
        var dimensions = new string[KeyWidth];
        for (var i = 2; i < KeyWidth; i++) dimensions[i] = reader.GetString(i);
        foreach (var cell in chunk)
        {
            if ((int)cell.Key[0] != set || (long)cell.Key[1] != period) continue;
            var same = true;
            for (var i = 2; i < KeyWidth && same; i++) same = string.Equals((string)cell.Key[i], dimensions[i], StringComparison.Ordinal);
            if (same) return cell;
        }
        throw new InvalidOperationException("The spend rollup returned a row for a cell it was not asked for.");
    }

    private static readonly ConcurrentDictionary<int, string> FindSqlCache = new(), UpsertSqlCache = new();
    private static string FindSqlBySize(int cells) => FindSqlCache.GetOrAdd(cells, FindSql);
    private static string UpsertSqlBySize(int cells) => UpsertSqlCache.GetOrAdd(cells, UpsertSql);

    private static string UpsertSql(int cells) =>
        $"INSERT INTO spend_rollup ({KeyColumns}, {string.Join(", ", Figures)}, latency) VALUES {Tuples(cells, KeyWidth + Figures.Length + 1, "v")} " +
        $"ON CONFLICT ({KeyColumns}) DO UPDATE SET {string.Join(", ", Figures.Select(f => $"{f} = spend_rollup.{f} + excluded.{f}"))}, latency = excluded.latency";

    /// <summary>
    /// A statement over a number of parameter tuples, made once per size (and batch) and given new
    /// values for each execution, prepared-statement style.
    /// </summary>
    private sealed class ReboundStatement(DbConnection connection, DbTransaction transaction, Func<int, string> sql, int width, string prefix) : IAsyncDisposable
    {
        private readonly Dictionary<int, (DbCommand Command, DbParameter[] Parameters)> bySize = [];

        /// <summary>The command for <paramref name="tuples"/> tuples, with tuple t bound to <paramref name="valuesOf"/>(t).</summary>
        public DbCommand Bind(int tuples, Func<int, object[]> valuesOf)
        {
            if (!bySize.TryGetValue(tuples, out var made))
            {
                var command = Command(connection, transaction, sql(tuples));
                var parameters = new DbParameter[tuples * width];
                for (var t = 0; t < tuples; t++)
                    for (var i = 0; i < width; i++) parameters[t * width + i] = Parameter(command, $"@{prefix}{t}_{i}");
                bySize[tuples] = made = (command, parameters);
            }
            for (var t = 0; t < tuples; t++)
            {
                var values = valuesOf(t);
                for (var i = 0; i < width; i++) made.Parameters[t * width + i].Value = values[i] ?? DBNull.Value;
            }
            return made.Command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (command, _) in bySize.Values) await command.DisposeAsync();
        }
    }

    /// <summary>
    /// The stored rows of some cells: a join of the cells' keys (a VALUES list, whose columns both
    /// engines name column1, column2...) with the table on its primary key. Not a row-value IN:
    /// SQLite answers that by scanning the whole table.
    /// </summary>
    private static string FindSql(int cells) =>
        $"SELECT {string.Join(", ", KeyColumns.Split(", ").Select(c => "r." + c))}, r.latency FROM (VALUES {Tuples(cells, KeyWidth, "k")}) AS v " +
        $"JOIN spend_rollup r ON {string.Join(" AND ", KeyColumns.Split(", ").Select((c, i) => $"r.{c} = v.column{i + 1}"))}";
    private static readonly int KeyWidth = 2 + Dimensions.Count;

    /// <summary>"(@k0_0, @k0_1, ...), (@k1_0, ...)": one parenthesised tuple of parameters per cell.</summary>
    private static string Tuples(int count, int width, string prefix) =>
        string.Join(", ", Enumerable.Range(0, count).Select(c => "(" + string.Join(", ", Enumerable.Range(0, width).Select(i => $"@{prefix}{c}_{i}")) + ")"));

    /// <summary>A cell's key columns as stored: set, period, then every dimension (encoded; "" where the set does not hold it).</summary>
    private static object[] KeyOf(CellKey at)
    {
        var key = new object[KeyWidth];
        key[0] = at.Set.Id;
        key[1] = at.Period;
        for (var i = 0; i < Dimensions.Count; i++) key[2 + i] = at.Set.Holds(Dimensions[i]) ? SpendRollupSet.Encode(Reader(Dimensions[i])(at.Row)) : "";
        return key;
    }

    /// <summary>The cell a row adds to in one set: its set, its period and (through the row and the set's column readers) the set's column values.</summary>
    private readonly record struct CellKey(SpendRollupSet Set, Func<RequestLogRow, string?>[] Columns, long Period, RequestLogRow Row);

    /// <summary>Every set with a reader of each of its columns, so finding a row's cell neither looks columns up by name nor enumerates an interface.</summary>
    private static readonly (SpendRollupSet Set, Func<RequestLogRow, string?>[] Columns)[] Sets =
        [.. SpendRollupSet.All.Select(set => (set, set.Columns.Select(Reader).ToArray()))];

    /// <summary>Two rows share a cell when set, period and every column of the set are equal (ordinal; null is not "").</summary>
    private sealed class CellKeyComparer : IEqualityComparer<CellKey>
    {
        public static readonly CellKeyComparer Instance = new();

        public bool Equals(CellKey a, CellKey b)
        {
            if (a.Set.Id != b.Set.Id || a.Period != b.Period) return false;
            foreach (var column in a.Columns)
                if (!string.Equals(column(a.Row), column(b.Row), StringComparison.Ordinal)) return false;
            return true;
        }

        public int GetHashCode(CellKey at)
        {
            var hash = new HashCode();
            hash.Add(at.Set.Id);
            hash.Add(at.Period);
            foreach (var column in at.Columns) hash.Add(column(at.Row)); // string hashing is ordinal; null hashes to 0
            return hash.ToHashCode();
        }
    }

    /// <summary>Adds a set's rollup rows for the whole periods [fromHour, toHour) to the accumulator, grouped by the query's dimensions.</summary>
    public static async Task ReadAsync(DbConnection connection, SpendRollupSet set, IReadOnlyList<SpendDimension> dims, long fromHour, long toHour,
        SpendAccumulator accumulator, CancellationToken cancellationToken)
    {
        var columns = dims.Where(d => !d.IsTimeBucket).Select(d => d.Sql).Distinct().ToList();
        await using var command = Command(connection, null,
            $"SELECT hour_ms, {string.Concat(columns.Select(c => c + ", "))}{string.Join(", ", Figures)}, latency FROM spend_rollup " +
            "WHERE grouping_set = @set AND hour_ms >= @from AND hour_ms < @to");
        Add(command, "@set", set.Id);
        Add(command, "@from", fromHour);
        Add(command, "@to", toHour);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var at = 1 + columns.Count;
        var buckets = new Dictionary<long, string>(); // formatted once per bucket, not per rollup row
        while (await reader.ReadAsync(cancellationToken))
        {
            var hour = Convert.ToInt64(reader.GetValue(0));
            var key = new string?[dims.Count];
            for (var i = 0; i < dims.Count; i++)
                key[i] = dims[i].IsTimeBucket ? Bucket(buckets, dims[i].BucketOf(hour))
                    : SpendRollupSet.Decode(reader.GetString(1 + columns.IndexOf(dims[i].Sql)));
            long L(int i) => Convert.ToInt64(reader.GetValue(at + i));
            double D(int i) => Convert.ToDouble(reader.GetValue(at + i));
            accumulator.AddRollup(key, reader.GetString(at + Figures.Length).AsSpan(), L(0), L(1), L(2), L(3), L(4), L(5), D(6), D(7), D(8));
        }
    }

    private static string Bucket(Dictionary<long, string> formatted, long bucketMs) =>
        formatted.TryGetValue(bucketMs, out var text) ? text : formatted[bucketMs] = SpendDimension.FormatBucket(bucketMs);

    private static Func<RequestLogRow, string?> Reader(string column) => column switch
    {
        "model" => row => row.Model,
        "provider" => row => row.Provider,
        "route" => row => row.Route,
        "policy" => row => row.Policy,
        "arm" => row => row.Arm,
        "key_id" => row => row.KeyId,
        "project" => row => row.Project,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    /// <summary>One rollup row's worth of new rows: the figures the SQL path sums (NULLs count as nothing), and their latency buckets.</summary>
    private sealed class Cell(object[] key)
    {
        private long requests, errors, input, output, cached, reasoning;
        private double cost, baseline, savings;

        public object[] Key { get; } = key;
        /// <summary>The latency buckets of the new rows.</summary>
        public LatencyHistogram Latency { get; } = new();
        /// <summary>The cell's stored histogram text, when the table has the cell already.</summary>
        public string Stored { get; set; } = "";

        public void Add(RequestLogRow row)
        {
            requests++;
            if (row.Failed) errors++;
            input += row.InputTokens ?? 0;
            output += row.OutputTokens ?? 0;
            cached += row.CachedTokens ?? 0;
            reasoning += row.ReasoningTokens ?? 0;
            cost += row.CostUsd ?? 0;
            baseline += row.BaselineCostUsd ?? 0;
            if (row.BaselineCostUsd is { } b && row.CostUsd is { } c) savings += b - c; // as SUM(baseline_cost_usd - cost_usd): both or nothing
            Latency.Add(LatencyBuckets.Of(row.LatencyMs), 1);
        }

        public object[] Figures() => [requests, errors, input, output, cached, reasoning, cost, baseline, savings];
    }
}
