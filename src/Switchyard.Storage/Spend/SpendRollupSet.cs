namespace Switchyard.Storage.Spend;

/// <summary>
/// One grouping set the spend rollup keeps: per period (an hour; a day for the set of every
/// column), one rollup row per distinct value of these columns. A spend query grouped by dimensions that one set covers reads the smallest such
/// set instead of the rows. Few columns per set keep the rollup small even when a column has many
/// values (keys): the rows of an hour collapse to one per model, one per key, and so on.
/// A mix no hourly set covers (e.g. key with model) reads the every-column set by the day; grouped
/// by hour as well, it reads the rows through the spend index.
/// </summary>
public sealed record SpendRollupSet(int Id, IReadOnlyList<string> Columns, long PeriodMs = SpendRollupSet.HourMs)
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;

    /// <summary>The dimension columns of the rollup table, in its column order.</summary>
    public static readonly IReadOnlyList<string> DimensionColumns = ["model", "provider", "route", "policy", "arm", "key_id", "project"];

    /// <summary>Every set, fewest columns first. Ids are stored: never renumber one, only add.</summary>
    public static readonly IReadOnlyList<SpendRollupSet> All =
    [
        new(0, []),
        new(1, ["model", "provider"]),
        new(2, ["key_id", "project"]),
        new(3, ["route", "policy", "arm"]),
        new(4, ["model", "provider", "route", "policy", "arm"]),
        // Every column, per day: any mix (model with key...) compresses well over a day, rarely over an hour.
        new(5, ["model", "provider", "route", "policy", "arm", "key_id", "project"], DayMs),
    ];

    /// <summary>The smallest set holding every non-time dimension asked for, in periods no longer than the time bucket asked for; null when none does.</summary>
    public static SpendRollupSet? Covering(IReadOnlyList<SpendDimension> dimensions)
    {
        var needed = dimensions.Where(d => !d.IsTimeBucket).Select(d => d.Sql).ToList();
        var byHour = dimensions.Contains(SpendDimension.Hour);
        return All.FirstOrDefault(set => needed.All(set.Columns.Contains) && !(byHour && set.PeriodMs > HourMs));
    }

    public bool Holds(string column) => Columns.Contains(column);

    /// <summary>
    /// How a dimension value is stored in the rollup: "=" + value, or "" for null and for columns
    /// outside the set. The columns are then never null, so they can be the primary key.
    /// </summary>
    public static string Encode(string? value) => value is null ? "" : "=" + value;

    public static string? Decode(string stored) => stored.Length == 0 ? null : stored[1..];
}
