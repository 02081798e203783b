namespace Switchyard.Storage.Sql;

/// <summary>What differs between the engines: column type names and the string aggregate. Everything else is the same SQL.</summary>
public sealed record SqlDialect(string Name, string Text, string BigInt, string Int, string Real)
{
    public static readonly SqlDialect Sqlite = new("sqlite", "TEXT", "INTEGER", "INTEGER", "REAL");
    public static readonly SqlDialect Postgres = new("postgres", "TEXT", "BIGINT", "INTEGER", "DOUBLE PRECISION");

    /// <summary>The aggregate joining strings with a separator: group_concat(x, ',') in SQLite, string_agg(x, ',') in PostgreSQL.</summary>
    public string StringAgg => Name == "postgres" ? "string_agg" : "group_concat";

    /// <summary>
    /// Rows (or rollup cells) per multi-row statement. PostgreSQL: many, each statement is a network
    /// round trip. SQLite: one; it is in-process and finds each named parameter by a linear search, so
    /// binding n parameters costs n² (100 rows of 38 columns bound slower than they insert). SQLite's
    /// request_log rows no longer go through named parameters at all (Sqlite/SqliteRowInserter binds
    /// by position); there this number governs the spend rollup's cells.
    /// </summary>
    public int RowsPerStatement => Name == "postgres" ? 100 : 1;

    public string Type(string type) => type switch
    {
        "text" => Text,
        "bigint" => BigInt,
        "int" => Int,
        "real" => Real,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
