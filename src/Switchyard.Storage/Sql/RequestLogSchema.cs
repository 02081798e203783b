namespace Switchyard.Storage.Sql;

/// <summary>
/// The request log schema, the same in SQLite and PostgreSQL (column types mapped per engine), as
/// numbered migrations. A store applies the ones its schema_version table does not list yet, in
/// order, at start. Add a migration at the end; never edit one that shipped.
/// </summary>
public static class RequestLogSchema
{
    /// <summary>(name, type) of every request_log column, in insert order. Types: text, bigint, int, real.</summary>
    public static readonly (string Name, string Type)[] Columns =
    [
        ("id", "text"), ("time_ms", "bigint"), ("endpoint", "text"), ("key_id", "text"), ("project", "text"),
        ("route", "text"), ("policy", "text"), ("arm", "text"), ("rule", "text"), ("task", "text"), ("task_confidence", "real"),
        ("plan", "text"), ("attempts", "text"), ("attempt_count", "int"), ("deployment", "text"), ("model", "text"), ("provider", "text"),
        ("streamed", "int"), ("input_tokens", "int"), ("output_tokens", "int"), ("cached_tokens", "int"), ("reasoning_tokens", "int"),
        ("cost_usd", "real"), ("cost_estimated", "int"), ("baseline_cost_usd", "real"), ("baseline_model", "text"),
        ("ttft_ms", "real"), ("latency_ms", "real"), ("upstream_ms", "real"), ("overhead_ms", "real"), ("latency_bucket", "int"),
        ("validators", "text"), ("response_sha256", "text"), ("status", "int"), ("failed", "int"), ("error", "text"),
        ("prompt", "text"), ("response", "text"),
    ];

    /// <summary>
    /// The index spend queries read rows through: time first (every query has a range), then every
    /// group_by column and every figure the spend query sums, so the query reads only this index,
    /// never the wide rows (attempts, bodies). It serves the partial hours at the ends of a range and
    /// the group_by combinations no rollup set covers; whole hours come from spend_rollup.
    /// </summary>
    public const string SpendIndexColumns =
        "time_ms, model, provider, route, policy, arm, key_id, project, latency_bucket, failed, " +
        "input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost_usd, baseline_cost_usd";

    public sealed record Migration(int Version, string Description, Func<SqlDialect, IReadOnlyList<string>> Statements);

    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "request_log and feedback tables, spend index", d =>
        [
            $"CREATE TABLE request_log ({string.Join(", ", Columns.Select(c => $"{c.Name} {d.Type(c.Type)}{(c.Name == "id" ? " PRIMARY KEY" : NotNull(c.Name))}"))})",
            $"CREATE INDEX ix_request_log_spend ON request_log ({SpendIndexColumns})",
            $"CREATE TABLE feedback (request_id {d.Type("text")} PRIMARY KEY, time_ms {d.Type("bigint")} NOT NULL, score {d.Type("real")} NOT NULL, label {d.Type("text")}, comment {d.Type("text")})",
        ]),
        new(2, "hourly spend rollup, built from the rows already stored", SpendRollup.CreateStatements),
    ];

    private static string NotNull(string column) =>
        column is "time_ms" or "endpoint" or "attempt_count" or "streamed" or "latency_ms" or "latency_bucket" or "status" or "failed" ? " NOT NULL" : "";
}
