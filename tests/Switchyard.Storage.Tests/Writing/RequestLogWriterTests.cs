using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Tests.Support;
using Switchyard.Storage.Writing;
using static Switchyard.Storage.Tests.Support.TestRows;

namespace Switchyard.Storage.Tests.Writing;

public sealed class RequestLogWriterTests : IAsyncLifetime
{
    private readonly string dir = TempDir();
    private FlakyStore store = null!;
    private readonly RecordingEvents events = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        store = new FlakyStore(SqliteRequestLogStore.InDataDir(dir));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private RequestLogWriterOptions Options(int flushMs = 20, long spillMax = 1 << 20, bool failClosed = true, int queue = 10_000) => new()
    {
        FlushInterval = TimeSpan.FromMilliseconds(flushMs),
        SpillPath = Path.Combine(dir, "spill", "request-log.jsonl"),
        SpillMaxBytes = spillMax,
        FailClosed = failClosed,
        QueueCapacity = queue,
        RetryInterval = TimeSpan.FromMilliseconds(50),
    };

    private async Task<RequestLogWriter> StartAsync(RequestLogWriterOptions options)
    {
        var writer = new RequestLogWriter(store, options, events);
        await writer.StartAsync(Ct);
        return writer;
    }

    /// <summary>Waits for a condition, polling; the deadline is only a backstop for a broken writer (generous: the machine may be loaded).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await Safe(condition))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting: " + what);
            await Task.Delay(20, Ct);
        }
    }

    private static async Task<bool> Safe(Func<Task<bool>> condition)
    {
        try { return await condition(); }
        catch (Microsoft.Data.Sqlite.SqliteException) { return false; } // e.g. not migrated yet
    }

    [Fact]
    public async Task Rows_are_written_in_batches_within_the_flush_interval()
    {
        await using var writer = await StartAsync(Options(flushMs: 100));
        for (var i = 0; i < 500; i++) writer.Enqueue(Row($"r{i}"));
        await EventuallyAsync(async () => await store.CountAsync(Ct) == 500, "500 rows");
        Assert.InRange(store.Writes, 1, 50); // batches (a handful; more only on a machine too loaded to enqueue 500 rows in one interval), not 500
        Assert.Equal(500, writer.Counters.RowsWritten);
        Assert.Equal(0, writer.Counters.QueueDepth);
    }

    [Fact]
    public async Task Dispose_drains_every_queued_row()
    {
        var writer = await StartAsync(Options(flushMs: 5_000)); // far longer than the test: only the drain can write them
        for (var i = 0; i < 1000; i++) writer.Enqueue(Row($"d{i}"));
        await writer.DisposeAsync();
        Assert.Equal(1000, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task Synchronous_mode_writes_before_enqueue_returns()
    {
        await using var writer = await StartAsync(Options(flushMs: 0));
        writer.Enqueue(Row("sync1"));
        Assert.NotNull(await store.FindAsync("sync1", Ct));
    }

    [Fact]
    public async Task Flush_waits_until_earlier_rows_are_stored()
    {
        await using var writer = await StartAsync(Options(flushMs: 300));
        writer.Enqueue(Row("f1"));
        await writer.FlushAsync(Ct);
        Assert.NotNull(await store.FindAsync("f1", Ct));
    }

    [Fact]
    public async Task A_down_store_sends_rows_to_the_spill_file_and_they_are_written_when_it_is_back()
    {
        await using var writer = await StartAsync(Options());
        writer.Enqueue(Row("before"));
        await writer.FlushAsync(Ct);
        store.Down = true;
        for (var i = 0; i < 50; i++) writer.Enqueue(Row($"down{i}"));
        await writer.FlushAsync(Ct);
        Assert.True(writer.StoreIsDown);
        Assert.Equal(50, writer.Counters.RowsSpilled);
        Assert.True(writer.Counters.SpillBytes > 0);
        Assert.False(writer.Refusing);
        Assert.Equal(1, await store.CountAsync(Ct));

        store.Down = false;
        writer.Enqueue(Row("after"));
        // The replay's rows are committed before the writer marks the store up, clears the spill file,
        // counts and logs (and "after" may itself have gone to the spill file and be in that replay):
        // so wait for the writer to say the store is back, not just for the rows to be there.
        await EventuallyAsync(async () => !writer.StoreIsDown && await store.CountAsync(Ct) == 52, "spilled rows replayed and the store marked up");
        Assert.Equal(52, await store.CountAsync(Ct));
        Assert.Equal(0, writer.Counters.SpillBytes);
        Assert.InRange(writer.Counters.RowsReplayed, 50, 51); // "after" may have queued behind the spill file
        Assert.Equal(0, writer.Counters.RowsDropped);
        Assert.Contains("down", events.Lines);
        Assert.Contains(events.Lines, l => l.StartsWith("back 5", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(dir, "spill", "request-log.jsonl")));
    }

    [Fact]
    public async Task Rows_spilled_before_a_restart_are_written_at_start()
    {
        var writer = await StartAsync(Options());
        store.Down = true;
        for (var i = 0; i < 20; i++) writer.Enqueue(Row($"old{i}"));
        await writer.DisposeAsync(); // stops with the store still down: the rows stay in the spill file
        Assert.Equal(0, await store.CountAsync(Ct));

        store.Down = false;
        await using var again = await StartAsync(Options());
        Assert.Equal(20, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_skipped_and_the_rest_replayed()
    {
        var spill = new SpillFile(Path.Combine(dir, "spill", "request-log.jsonl"), 1 << 20);
        Assert.True(spill.TryAppend([Row("ok1"), Row("ok2")]));
        await File.AppendAllTextAsync(spill.Path, "{\"id\":\"torn\",\"time_", Ct);
        await using var writer = await StartAsync(Options());
        Assert.Equal(2, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task Spill_full_and_fail_closed_refuses_until_the_store_is_back_and_loses_nothing()
    {
        await using var writer = await StartAsync(Options(spillMax: 4_000));
        store.Down = true;
        for (var i = 0; i < 10; i++) writer.Enqueue(Row($"x{i}")); // about 1.2 kB each: the spill file takes three
        await writer.FlushAsync(Ct);
        Assert.True(writer.Refusing);
        Assert.Contains("spill full", events.Lines);
        Assert.Equal(0, writer.Counters.RowsDropped);

        store.Down = false;
        await EventuallyAsync(() => Task.FromResult(!writer.Refusing), "refusing ends");
        await EventuallyAsync(async () => await store.CountAsync(Ct) == 10, "all rows stored");
        Assert.Equal(0, writer.Counters.RowsDropped);
    }

    [Fact]
    public async Task Spill_full_and_serve_drops_rows_counted_and_logged_one_by_one()
    {
        await using var writer = await StartAsync(Options(spillMax: 4_000, failClosed: false));
        store.Down = true;
        for (var i = 0; i < 10; i++) writer.Enqueue(Row($"y{i}"));
        await writer.FlushAsync(Ct);
        Assert.False(writer.Refusing);
        var dropped = writer.Counters.RowsDropped;
        Assert.True(dropped > 0);
        Assert.Equal(10, writer.Counters.RowsSpilled + dropped);
        Assert.Equal(dropped, events.Lines.Count(l => l.StartsWith("dropped ", StringComparison.Ordinal)));

        store.Down = false;
        await EventuallyAsync(async () => await store.CountAsync(Ct) == 10 - dropped, "spilled rows stored");
    }

    [Fact]
    public async Task A_full_queue_drops_rows_counted_never_silently()
    {
        await using var writer = await StartAsync(Options(flushMs: 10_000, queue: 5));
        for (var i = 0; i < 8; i++) writer.Enqueue(Row($"q{i}"));
        Assert.Equal(3, writer.Counters.RowsDropped);
        Assert.True(writer.Refusing); // fail closed: the queue is at capacity
        Assert.Equal(3, events.Lines.Count(l => l.StartsWith("dropped ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_store_down_at_start_does_not_stop_the_writer()
    {
        store.Down = true;
        await using var writer = await StartAsync(Options());
        Assert.True(writer.StoreIsDown);
        writer.Enqueue(Row("s1"));
        await writer.FlushAsync(Ct);
        store.Down = false;
        await EventuallyAsync(async () => await store.CountAsync(Ct) == 1, "row stored after the store came up");
    }
}
