using System.Threading.Tasks.Sources;

namespace Switchyard.Benchmarks.Support;

/// <summary>
/// A recorded SSE body handed out one event per read, each read completing later on the thread
/// pool, as a live upstream's do: every await on the way up the stream really suspends. The
/// stream is its own value-task source and work item, so it allocates nothing per read itself.
/// </summary>
public sealed class AsyncEventStream(byte[] body) : Stream, IValueTaskSource<int>, IThreadPoolWorkItem
{
    private readonly EventPerReadStream events = new(body); // slices the body one event per read
    private ManualResetValueTaskSourceCore<int> pending;
    private int taken;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        taken = events.Read(buffer.Span);
        pending.Reset();
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        return new ValueTask<int>(this, pending.Version);
    }

    void IThreadPoolWorkItem.Execute() => pending.SetResult(taken);

    int IValueTaskSource<int>.GetResult(short token) => pending.GetResult(token);
    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => pending.GetStatus(token);
    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        pending.OnCompleted(continuation, state, token, flags);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("reads are asynchronous here");
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => events.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
