namespace Switchyard.Storage.Writing;

/// <summary>What the writer reports (the server turns these into log lines). Called off the request path, except <see cref="RowDropped"/> when the queue overflows.</summary>
public interface IRequestLogEvents
{
    void StoreDown(string store, Exception error);
    void StoreBack(string store, long replayedRows);
    void SpillFull(string path, long maxBytes, bool failClosed);
    /// <summary>One row that could be stored nowhere: never a silent loss.</summary>
    void RowDropped(string requestId, string reason);

    public static readonly IRequestLogEvents None = new Silent();

    private sealed class Silent : IRequestLogEvents
    {
        public void StoreDown(string store, Exception error) { }
        public void StoreBack(string store, long replayedRows) { }
        public void SpillFull(string path, long maxBytes, bool failClosed) { }
        public void RowDropped(string requestId, string reason) { }
    }
}
