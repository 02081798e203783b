using System.Text;
using Microsoft.Extensions.Logging;
using Switchyard.Server.Logging;

namespace Switchyard.Server.Tests.Logging;

public class BatchingConsoleWriterTests
{
    [Fact]
    public void Writes_every_line_in_order_and_flushes_on_dispose()
    {
        var output = new MemoryStream();
        using (var writer = new BatchingConsoleWriter(output))
            for (var i = 0; i < 5000; i++) writer.Write($"line {i}\n");

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"line {i}"), lines);
    }

    [Fact]
    public void A_line_written_to_a_quiet_writer_appears_without_waiting_for_more()
    {
        var output = new SignallingStream();
        using var writer = new BatchingConsoleWriter(output);
        writer.Write("only line\n");
        Assert.True(output.Flushed.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the line was not flushed on its own");
        Assert.Equal("only line\n", output.Text);
    }

    [Fact]
    public void A_stuck_output_drops_lines_instead_of_blocking_and_says_how_many()
    {
        var output = new SignallingStream { Blocked = true };
        using (var writer = new BatchingConsoleWriter(output))
        {
            writer.Write("first\n");
            Assert.True(output.WriteEntered.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // the drain now sits in the stuck write
            for (var i = 0; i < BatchingConsoleWriter.Capacity + 7; i++) writer.Write($"queued {i}\n"); // returns at once
            output.Release();
        }

        var text = output.Text;
        Assert.StartsWith("first\n", text);
        Assert.Contains($"queued {BatchingConsoleWriter.Capacity - 1}\n", text);
        Assert.DoesNotContain($"queued {BatchingConsoleWriter.Capacity}\n", text);
        Assert.Contains("7 log line(s) dropped", text);
    }

    [Fact]
    public void Formats_a_line_like_the_simple_console_formatter_in_single_line_mode()
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ConsoleLineFormat.Write(output, new DateTime(2026, 12, 4, 9, 5, 7), LogLevel.Warning, "Switchyard.Server.X", new EventId(601),
            "store down\r\nspilling", new InvalidOperationException("boom"));
        var line = output.ToString();
        Assert.StartsWith("09:05:07 warn: Switchyard.Server.X[601] store down  spilling System.InvalidOperationException: boom", line);
        Assert.EndsWith("\n", line);
        Assert.Equal(1, line.Count(c => c == '\n'));
    }

    [Fact]
    public void The_provider_writes_what_the_logger_factory_lets_through()
    {
        var output = new MemoryStream();
        var provider = new BatchingConsoleLoggerProvider(output);
        using (var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Information)))
        {
            var logger = factory.CreateLogger("Cat");
            logger.LogDebug("hidden");
            logger.LogInformation("shown {Value}", 42);
        }
        provider.Dispose(); // writes what is queued
        Assert.Matches(@"^\d\d:\d\d:\d\d info: Cat\[0\] shown 42\n$", Encoding.UTF8.GetString(output.ToArray()));
    }

    /// <summary>A stream that records what is written, can hold the writer inside Write, and says when a flush arrived.</summary>
    private sealed class SignallingStream : Stream
    {
        private readonly MemoryStream data = new();
        private readonly ManualResetEventSlim released = new(false);
        public bool Blocked { get; init; }
        public ManualResetEventSlim WriteEntered { get; } = new(false);
        public ManualResetEventSlim Flushed { get; } = new(false);
        public string Text { get { lock (data) return Encoding.UTF8.GetString(data.ToArray()); } }
        public void Release() => released.Set();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            WriteEntered.Set();
            if (Blocked) released.Wait();
            lock (data) data.Write(buffer);
        }
        public override void Flush() => Flushed.Set();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void An_entry_whose_exception_cannot_be_printed_does_not_stop_the_log()
    {
        var output = new MemoryStream();
        using (var writer = new BatchingConsoleWriter(output))
        {
            writer.Write(new DateTime(2026, 12, 4, 9, 0, 0), LogLevel.Error, "Cat", new EventId(1), "first", new UnprintableException());
            writer.Write(new DateTime(2026, 12, 4, 9, 0, 1), LogLevel.Information, "Cat", new EventId(2), "second", null);
        }
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Contains("first", text);
        Assert.Contains("could not be written: InvalidOperationException", text);
        Assert.Contains("09:00:01 info: Cat[2] second\n", text);
    }

    private sealed class UnprintableException : Exception
    {
        public override string ToString() => throw new InvalidOperationException("broken");
    }
}
