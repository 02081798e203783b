using System.Text.RegularExpressions;

namespace Switchyard.Core.Config;

/// <summary>The request log: a row per request in SQLite (server.data_dir/requests.db) or PostgreSQL. docs/configuration.md lists the fields.</summary>
public sealed record RequestLogConfig
{
    /// <summary>Log every request. Default true.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Store prompts and answers (redacted as <see cref="Redact"/> says). Default false.</summary>
    public bool Bodies { get; init; }
    /// <summary>Applied to stored bodies: "pii" (the built-in detector: e-mails, phones, cards, IBANs, national ids) and/or regular expressions; each match becomes [REDACTED]. Default [pii].</summary>
    public List<string> Redact { get; init; } = [RequestLogRules.Pii];
    /// <summary>A PostgreSQL connection string ("Host=...;Database=...;Username=...;Password=...") or "env:NAME". Default: none (SQLite).</summary>
    public string? Postgres { get; init; }
    /// <summary>How long rows gather before a batch is written: the most a kill -9 can lose. 0 = each row is written before its request ends. Default 50.</summary>
    public int FlushIntervalMs { get; init; } = 50;
    /// <summary>Largest spill file (server.data_dir/spill/request-log.jsonl) holding rows while the store is down. Default 67108864 (64 MiB).</summary>
    public long SpillMaxBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>When the store is down and the spill file is full: "fail_closed" (default: new requests get 503) or "serve" (answered, rows dropped and counted).</summary>
    public string OnFull { get; init; } = RequestLogRules.FailClosed;
    /// <summary>Rows the in-memory queue holds before the writer. Default 10000.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}

/// <summary>Checks of the request_log section (ConfigValidator calls it) and its constants.</summary>
public static class RequestLogRules
{
    public const string Pii = "pii";
    public const string FailClosed = "fail_closed";
    public const string Serve = "serve";

    public static void Validate(RequestLogConfig log, Func<string, string?> environment, List<string> problems)
    {
        if (log.FlushIntervalMs < 0) problems.Add("request_log.flush_interval_ms: must be 0 (synchronous) or more");
        if (log.SpillMaxBytes < 0) problems.Add("request_log.spill_max_bytes: must not be negative");
        if (log.QueueCapacity < 1) problems.Add("request_log.queue_capacity: must be at least 1");
        if (log.OnFull is not (FailClosed or Serve)) problems.Add($"request_log.on_full: '{log.OnFull}' is neither \"{FailClosed}\" nor \"{Serve}\"");
        for (var i = 0; i < log.Redact.Count; i++)
        {
            var pattern = log.Redact[i];
            if (pattern == Pii) continue;
            try { _ = new Regex(pattern); }
            catch (ArgumentException ex) { problems.Add($"request_log.redact[{i}]: not a regular expression ({ex.Message})"); }
        }
        if (log.Postgres is { } pg && ResolvePostgres(pg, environment) is null)
            problems.Add(pg.StartsWith("env:", StringComparison.Ordinal)
                ? $"request_log.postgres: the environment variable {pg[4..]} is not set"
                : "request_log.postgres: must not be empty");
    }

    /// <summary>The connection string, reading "env:NAME" from the environment; null when unset or blank.</summary>
    public static string? ResolvePostgres(string value, Func<string, string?> environment)
    {
        var resolved = value.StartsWith("env:", StringComparison.Ordinal) ? environment(value[4..]) : value;
        return string.IsNullOrWhiteSpace(resolved) ? null : resolved;
    }
}
