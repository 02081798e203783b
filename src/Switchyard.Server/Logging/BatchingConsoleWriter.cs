using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Switchyard.Server.Logging;

/// <summary>
/// Writes log lines to an output stream (stdout) from a queue, as many lines per write as are
/// waiting. The framework's console logger writes and flushes each line on its own thread: one
/// system call and one thread wake-up per request's access line, which was about 4-6% of the
/// gateway's CPU under load (bench/RESULTS.md). Here the drain runs on the thread pool, takes every
/// line queued so far, and flushes once when the queue is empty, so a quiet gateway still shows
/// each line at once and a busy one writes hundreds per system call.
/// </summary>
/// <remarks>
/// The queue is bounded: when the output stops taking lines (a full pipe nobody reads) requests are
/// never held up; lines are dropped and the count is written once the output moves again.
/// </remarks>
public sealed class BatchingConsoleWriter : IDisposable
{
    public const int Capacity = 10_000;

    private readonly Channel<Line> queue = Channel.CreateBounded<Line>(new BoundedChannelOptions(Capacity)
    {
        // Wait mode only makes TryWrite answer false when full (the Drop modes answer true and drop silently); nothing ever waits.
        FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false,
    });
    private readonly StreamWriter output;
    private readonly Task drain;
    private long dropped;

    public BatchingConsoleWriter(Stream output)
    {
        this.output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 32 * 1024) { AutoFlush = false };
        drain = Task.Run(DrainAsync);
    }

    /// <summary>Queues a line (with its line end); never waits.</summary>
    public void Write(string line) => Enqueue(new Line(line, null));

    /// <summary>Queues a log entry, formatted as one line (<see cref="ConsoleLineFormat"/>) by the drain; never waits.</summary>
    public void Write(DateTime localTime, LogLevel level, string category, EventId eventId, string message, Exception? exception) =>
        Enqueue(new Line(null, new Entry(localTime, level, category, eventId, message, exception)));

    private void Enqueue(Line line)
    {
        if (!queue.Writer.TryWrite(line)) Interlocked.Increment(ref dropped);
    }

    private async Task DrainAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var line))
                {
                    if (line.Text is { } text) output.Write(text);
                    else if (line.Entry is { } entry) WriteEntry(entry);
                }
                if (Interlocked.Exchange(ref dropped, 0) is var lost and > 0)
                    output.Write($"{DateTime.Now:HH:mm:ss} warn: Switchyard.Server.Logging[0] {lost} log line(s) dropped: the output was not keeping up.\n");
                output.Flush();
            }
            catch (IOException)
            {
                // stdout closed or broken: nothing to report to; keep draining so writers never block.
            }
        }
    }

    /// <summary>Formats an entry into the output; one whose exception cannot be turned into text (a broken ToString) must not stop the drain.</summary>
    private void WriteEntry(Entry e)
    {
        try
        {
            ConsoleLineFormat.Write(output, e.LocalTime, e.Level, e.Category, e.EventId, e.Message, e.Exception);
        }
        catch (Exception ex) when (ex is not IOException)
        {
            output.Write($" [the log entry could not be written: {ex.GetType().Name}]\n");
        }
    }

    /// <summary>Writes what is queued and stops (waits at most two seconds for a stuck output).</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        drain.Wait(TimeSpan.FromSeconds(2));
    }

    /// <summary>A queued line: text already formatted, or an entry the drain formats.</summary>
    private readonly record struct Line(string? Text, Entry? Entry);

    private sealed record Entry(DateTime LocalTime, LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception);
}
