using System.Threading.Channels;
using Switchyard.Storage.Rows;

namespace Switchyard.Storage.Writing;

/// <summary>
/// Gets every row into the store without the request path ever waiting on a disk or a network:
/// <see cref="Enqueue"/> puts the row in a bounded queue and returns; one loop writes what gathered
/// every flush interval in one transaction. When the store fails, batches go to the bounded spill
/// file and the loop tries the store again every retry interval, replaying the spill file in order
/// once it answers. When the spill file is full as well, <see cref="Refusing"/> turns on (fail
/// closed: the gateway answers 503) or, with FailClosed off, rows are dropped, each one counted and
/// logged. <see cref="DisposeAsync"/> drains the queue: a graceful shutdown loses nothing.
/// </summary>
public sealed class RequestLogWriter : IAsyncDisposable
{
    private readonly IRequestLogStore store;
    private readonly RequestLogWriterOptions options;
    private readonly IRequestLogEvents events;
    private readonly Channel<Entry> queue;
    private readonly SpillFile spill;
    private readonly SemaphoreSlim gate = new(1, 1); // the loop and synchronous writes take turns on store and spill
    private readonly CancellationTokenSource draining = new();
    private readonly List<RequestLogRow> held = []; // fail closed, spill full: rows kept until the store is back
    private Task loop = Task.CompletedTask;
    private bool migrated;
    private volatile bool storeDown;
    private volatile bool spillFull;
    private DateTime lastRetry = DateTime.MinValue;

    public RequestLogWriter(IRequestLogStore store, RequestLogWriterOptions options, IRequestLogEvents? events = null, RequestLogCounters? counters = null)
    {
        this.store = store;
        this.options = options;
        this.events = events ?? IRequestLogEvents.None;
        Counters = counters ?? new RequestLogCounters(RequestLogCounters.Process);
        queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        spill = new SpillFile(options.SpillPath, options.SpillMaxBytes);
        Counters.SpillSize(spill.Bytes);
    }

    public RequestLogCounters Counters { get; }
    public IRequestLogStore Store => store;
    public bool Synchronous => options.FlushInterval <= TimeSpan.Zero;
    public bool StoreIsDown => storeDown;

    /// <summary>Fail closed and nowhere to put more rows (spill file full, or the queue nearly so): new requests get 503.</summary>
    public bool Refusing => options.FailClosed && (spillFull || Counters.QueueDepth >= options.QueueCapacity * 9L / 10);

    /// <summary>Applies migrations (a store that is down is retried by the loop), then starts the loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureMigratedAsync(cancellationToken);
            if (spill.HasRows) await TryRecoverAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            MarkDown(ex);
        }
        finally
        {
            gate.Release();
        }
        loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Hands a finished request's row over. Never waits on the store, except in synchronous mode (flush interval 0).</summary>
    public void Enqueue(RequestLogRow row)
    {
        if (Synchronous)
        {
            gate.Wait();
            try { PersistAsync([row], CancellationToken.None).GetAwaiter().GetResult(); }
            finally { gate.Release(); }
            return;
        }
        if (queue.Writer.TryWrite(new Entry(row, null))) Counters.Queue(1);
        else Drop([row], "the request log queue is full");
    }

    /// <summary>Completes once every row enqueued before the call is in the store or the spill file.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Synchronous) return;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite(new Entry(null, done))) await queue.Writer.WriteAsync(new Entry(null, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var batch = new List<RequestLogRow>(options.MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (true)
        {
            var pending = spill.HasRows || held.Count > 0;
            bool more;
            if (pending)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(draining.Token);
                wait.CancelAfter(options.RetryInterval);
                try { more = await reader.WaitToReadAsync(wait.Token); }
                catch (OperationCanceledException) { more = false; } // time to retry the store, or draining
            }
            else
            {
                more = await reader.WaitToReadAsync();
            }
            if (!more && reader.Completion.IsCompleted) break;

            if (more && !draining.IsCancellationRequested)
            {
                try { await Task.Delay(options.FlushInterval, draining.Token); } // gather a batch
                catch (OperationCanceledException) { }
            }

            await gate.WaitAsync();
            try
            {
                if (spill.HasRows || held.Count > 0) await TryRecoverAsync(CancellationToken.None);
                while (reader.TryRead(out var entry))
                {
                    if (entry.Row is { } row) { batch.Add(row); Counters.Queue(-1); }
                    if (entry.Flush is { } f) flushes.Add(f);
                    if (batch.Count >= options.MaxBatch) { await PersistAsync(batch, CancellationToken.None); batch.Clear(); }
                }
                if (batch.Count > 0) await PersistAsync(batch, CancellationToken.None);
            }
            finally
            {
                gate.Release();
                batch.Clear();
                foreach (var f in flushes) f.TrySetResult();
                flushes.Clear();
            }
        }

        // Shutting down: one last chance for rows held back, then they are lost, counted and logged.
        await gate.WaitAsync();
        try
        {
            if (spill.HasRows || held.Count > 0) await TryRecoverAsync(CancellationToken.None);
            if (held.Count > 0) { Drop(held, "the gateway stopped while the store was down and the spill file full"); held.Clear(); }
        }
        finally { gate.Release(); }
    }

    /// <summary>Store, else spill, else hold (fail closed) or drop (serve). Caller holds the gate.</summary>
    private async Task PersistAsync(IReadOnlyList<RequestLogRow> rows, CancellationToken cancellationToken)
    {
        if (!storeDown && !spill.HasRows && held.Count == 0)
        {
            try
            {
                await EnsureMigratedAsync(cancellationToken);
                await store.WriteAsync(rows, cancellationToken);
                Counters.Written(rows.Count);
                return;
            }
            catch (Exception ex)
            {
                MarkDown(ex);
            }
        }
        if (held.Count == 0 && spill.TryAppend(rows))
        {
            Counters.Spilled(rows.Count);
            Counters.SpillSize(spill.Bytes);
            return;
        }
        if (!spillFull)
        {
            spillFull = true;
            events.SpillFull(spill.Path, options.SpillMaxBytes, options.FailClosed);
        }
        if (!options.FailClosed) { Drop(rows, "the store is down and the spill file is full (request_log.on_full: serve)"); return; }
        var room = options.QueueCapacity - held.Count;
        if (room > 0) held.AddRange(rows.Take(room));
        if (rows.Count > room) Drop(rows.Skip(Math.Max(room, 0)).ToList(), "the store is down, the spill file is full and the rows held back reached the queue capacity");
    }

    /// <summary>Tries the store again (at most once per retry interval): replays the spill file, then the rows held back. Caller holds the gate.</summary>
    private async Task TryRecoverAsync(CancellationToken cancellationToken)
    {
        if (storeDown && DateTime.UtcNow - lastRetry < options.RetryInterval && !draining.IsCancellationRequested) return;
        lastRetry = DateTime.UtcNow;
        try
        {
            await EnsureMigratedAsync(cancellationToken);
            long replayed = 0;
            foreach (var rows in spill.ReadBatches(options.MaxBatch))
            {
                await store.WriteAsync(rows, cancellationToken);
                replayed += rows.Count;
            }
            spill.Clear();
            Counters.SpillSize(0);
            if (held.Count > 0)
            {
                await store.WriteAsync(held, cancellationToken);
                replayed += held.Count;
                held.Clear();
            }
            Counters.Replayed(replayed);
            Counters.Written(replayed);
            spillFull = false;
            if (storeDown || replayed > 0) events.StoreBack(store.Describe(), replayed);
            storeDown = false;
            Counters.Down(false);
        }
        catch (Exception ex)
        {
            MarkDown(ex);
        }
    }

    private async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (migrated) return;
        await store.MigrateAsync(cancellationToken);
        migrated = true;
    }

    private void MarkDown(Exception ex)
    {
        Counters.StoreFailed();
        lastRetry = DateTime.UtcNow;
        if (storeDown) return;
        storeDown = true;
        Counters.Down(true);
        events.StoreDown(store.Describe(), ex);
    }

    private void Drop(IReadOnlyList<RequestLogRow> rows, string reason)
    {
        Counters.Dropped(rows.Count);
        foreach (var row in rows) events.RowDropped(row.Id, reason);
    }

    /// <summary>Stops taking rows and writes every queued one (to the store, else the spill file) before returning.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await draining.CancelAsync();
        await loop;
        draining.Dispose();
    }

    private readonly record struct Entry(RequestLogRow? Row, TaskCompletionSource? Flush);
}
