using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;

namespace Switchyard.Storage.Tests.Support;

/// <summary>A real store that can be switched off: while <see cref="Down"/>, every call throws as a dead server would.</summary>
public sealed class FlakyStore(IRequestLogStore inner) : IRequestLogStore
{
    public volatile bool Down;
    public int Writes;

    private void Check()
    {
        if (Down) throw new IOException("the store is down (test)");
    }

    public string Describe() => "flaky " + inner.Describe();
    public Task MigrateAsync(CancellationToken cancellationToken) { Check(); return inner.MigrateAsync(cancellationToken); }
    public Task WriteAsync(IReadOnlyList<RequestLogRow> rows, CancellationToken cancellationToken)
    {
        Check();
        Interlocked.Increment(ref Writes);
        return inner.WriteAsync(rows, cancellationToken);
    }
    public Task<RequestLogRow?> FindAsync(string requestId, CancellationToken cancellationToken) { Check(); return inner.FindAsync(requestId, cancellationToken); }
    public Task<long> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
    public Task<bool> SaveFeedbackAsync(Feedback feedback, CancellationToken cancellationToken) { Check(); return inner.SaveFeedbackAsync(feedback, cancellationToken); }
    public Task<Feedback?> FindFeedbackAsync(string requestId, CancellationToken cancellationToken) => inner.FindFeedbackAsync(requestId, cancellationToken);
    public Task<SpendReport> SpendAsync(SpendQuery query, CancellationToken cancellationToken) { Check(); return inner.SpendAsync(query, cancellationToken); }
    public IAsyncEnumerable<(RequestLogRow Row, Feedback Feedback)> RowsWithFeedbackAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        inner.RowsWithFeedbackAsync(from, to, cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
