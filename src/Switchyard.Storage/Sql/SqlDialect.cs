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
    /// round trip. SQLite: few, it is in-process and finds each named parameter by a linear search,
    /// so binding n parameters costs n² (100 rows of 38 columns bound slower than they insert). One
    /// row per statement binds 38 parameters a row against 152 at four rows: in a gateway profile at
    /// 1,000 req/s, that lookup (strncmp inside sqlite3_bind_parameter_index) was 5% of the CPU at four.
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
