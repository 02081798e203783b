using System.Collections.Concurrent;
using Switchyard.Storage.Writing;

namespace Switchyard.Storage.Tests.Support;

public sealed class RecordingEvents : IRequestLogEvents
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public void StoreDown(string store, Exception error) => Lines.Enqueue("down");
    public void StoreBack(string store, long replayedRows) => Lines.Enqueue($"back {replayedRows}");
    public void SpillFull(string path, long maxBytes, bool failClosed) => Lines.Enqueue("spill full");
    public void RowDropped(string requestId, string reason) => Lines.Enqueue("dropped " + requestId);
}
