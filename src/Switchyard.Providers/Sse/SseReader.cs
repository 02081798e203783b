using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Switchyard.Providers.Sse;

/// <summary>
/// Reads a text/event-stream body as it arrives, per the WHATWG event-stream rules that matter
/// here: lines end in LF, CRLF or CR (Gemini's alt=sse frames with CRLF); "data:" lines accumulate;
/// a blank line dispatches; ":" comments are skipped. Works on bytes and reuses one buffer, so a
/// stream of many small events allocates little: an event's data is valid until the consumer asks
/// for the next event (see <see cref="SseEvent"/>).
/// </summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var data = new SseDataBuffer();
        string? eventName = null;
        var pendingCr = false; // a CR ended the last line; a LF right after it belongs to it
        // Events completed in one read, yielded after we advance: one pooled array for the whole
        // stream. A new list per read cost ~150 B per forwarded chunk, and one list per stream still
        // grew 4-8-16-32 when a whole short answer arrived in one read (~1.4 KB; bench/RESULTS.md).
        var events = ArrayPool<(string? Name, int Start, int Length)>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                count = 0;
                data.DropDispatched(); // every event of the last read was consumed: its consumer asked for more
                while (TryReadLine(ref buffer, ref pendingCr, out var line))
                {
                    if (line.Length == 0)
                    {
                        if (data.HasPending)
                        {
                            var (start, length) = data.Dispatch();
                            if (count == events.Length) Grow(ref events);
                            events[count++] = (eventName, start, length);
                        }
                        eventName = null;
                        continue;
                    }
                    ProcessField(line, data, ref eventName);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                // Sliced only now: the buffer may have grown (moved) while the read's events were added.
                for (var i = 0; i < count; i++)
                {
                    var (name, start, length) = events[i];
                    yield return new SseEvent(name, data.Slice(start, length));
                }
                if (result.IsCompleted)
                {
                    // A last event without its blank line: the stream ended; dispatch what we have so
                    // the adapter can see e.g. a final [DONE] written without a trailing blank line.
                    if (data.HasPending)
                    {
                        var (start, length) = data.Dispatch();
                        yield return new SseEvent(eventName, data.Slice(start, length));
                    }
                    yield break;
                }
            }
        }
        finally
        {
            data.Release(); // the consumer asked past the last event, or gave up: no data is read any more
            ArrayPool<(string? Name, int Start, int Length)>.Shared.Return(events, clearArray: true);
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static void Grow(ref (string? Name, int Start, int Length)[] events)
    {
        var larger = ArrayPool<(string? Name, int Start, int Length)>.Shared.Rent(events.Length * 2);
        events.CopyTo(larger, 0);
        ArrayPool<(string? Name, int Start, int Length)>.Shared.Return(events, clearArray: true);
        events = larger;
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, ref bool pendingCr, out ReadOnlySpan<byte> line)
    {
        if (pendingCr && !buffer.IsEmpty)
        {
            if (buffer.FirstSpan[0] == (byte)'\n') buffer = buffer.Slice(1);
            pendingCr = false;
        }
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadToAny(out ReadOnlySequence<byte> lineSeq, "\r\n"u8, advancePastDelimiter: false))
        {
            line = default;
            return false;
        }
        reader.TryRead(out var delimiter);
        if (delimiter == (byte)'\r')
        {
            if (reader.TryPeek(out var next)) { if (next == (byte)'\n') reader.Advance(1); }
            else pendingCr = true;
        }
        line = lineSeq.IsSingleSegment ? lineSeq.FirstSpan : lineSeq.ToArray();
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static void ProcessField(ReadOnlySpan<byte> line, SseDataBuffer data, ref string? eventName)
    {
        if (line[0] == (byte)':') return; // comment / keep-alive
        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? ReadOnlySpan<byte>.Empty : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ') value = value[1..];

        if (field.SequenceEqual("data"u8))
        {
            data.AppendLine(value);
        }
        else if (field.SequenceEqual("event"u8))
        {
            eventName = KnownEventName(value) ?? Encoding.UTF8.GetString(value);
        }
        // id and retry are not used by any provider we speak; ignored as the spec allows.
    }

    private static readonly string[] KnownNames =
    [
        "message_start", "content_block_start", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop", "ping", "error",
    ];

    /// <summary>Avoids a string allocation per event for the names Anthropic sends.</summary>
    private static string? KnownEventName(ReadOnlySpan<byte> value)
    {
        foreach (var name in KnownNames)
            if (value.Length == name.Length && Encoding.ASCII.GetByteCount(name) == value.Length && AsciiEquals(value, name))
                return name;
        return null;
    }

    private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string text)
    {
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] != text[i]) return false;
        return true;
    }
}
