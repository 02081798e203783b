using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;

namespace Switchyard.Storage;

/// <summary>
/// Where request log rows and feedback live: SQLite (default) or PostgreSQL, the same schema and the
/// same behaviour (the contract tests run against both). Methods throw when the store is down; the
/// <see cref="Writing.RequestLogWriter"/> turns that into spilling, never into a failed request.
/// </summary>
public interface IRequestLogStore : IAsyncDisposable
{
    /// <summary>Where it is, for start-up and log lines ("SQLite at .data/requests.db"); never a password.</summary>
    string Describe();

    /// <summary>Applies the migrations the schema_version table does not list yet. Safe to call from several processes.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Writes rows in one transaction; a row whose id is already stored is skipped (replays are idempotent).</summary>
    Task WriteAsync(IReadOnlyList<RequestLogRow> rows, CancellationToken cancellationToken);

    Task<RequestLogRow?> FindAsync(string requestId, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Stores feedback against its request (replacing earlier feedback); false when no such request is stored.</summary>
    Task<bool> SaveFeedbackAsync(Feedback feedback, CancellationToken cancellationToken);

    Task<Feedback?> FindFeedbackAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Requests, tokens, cost, savings, error rate and latency percentiles per group over a time range.</summary>
    Task<SpendReport> SpendAsync(SpendQuery query, CancellationToken cancellationToken);

    /// <summary>The rows that have feedback, oldest first, with their feedback.</summary>
    IAsyncEnumerable<(RequestLogRow Row, Feedback Feedback)> RowsWithFeedbackAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
