using System.Buffers;
using System.Text.Json;

namespace Switchyard.Core.Chat;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a buffer kept per thread, for the small JSON texts every request
/// writes (its answer, the upstream request, the log row's columns): neither is allocated per use.
/// </summary>
/// <example><code>
/// using var json = ThreadJsonWriter.Rent();
/// json.Writer.WriteStartArray(); ...
/// return json.Written.ToArray();
/// </code></example>
public static class ThreadJsonWriter
{
    /// <summary>Buffers above this size are dropped after use, so one huge text does not pin its memory to a thread.</summary>
    private const int KeptCapacity = 64 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? threadBuffer;
    [ThreadStatic] private static Utf8JsonWriter? threadWriter;
    [ThreadStatic] private static bool inUse;

    /// <summary>The thread's writer, empty; dispose the lease before the thread writes the next text.</summary>
    public static Lease Rent()
    {
        // A second lease on the same thread would write into the first one's buffer.
        if (inUse) throw new InvalidOperationException("ThreadJsonWriter is already in use on this thread.");
        var buffer = threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = threadWriter ??= new Utf8JsonWriter(buffer); // the serializer's defaults: JavaScriptEncoder.Default, not indented
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        inUse = true;
        return new Lease(buffer, writer);
    }

    public readonly ref struct Lease(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        public Utf8JsonWriter Writer { get; } = writer;

        /// <summary>What was written so far (flushed first); valid until the lease is disposed.</summary>
        public ReadOnlySpan<byte> Written
        {
            get
            {
                Writer.Flush();
                return buffer.WrittenSpan;
            }
        }

        public void Dispose()
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > KeptCapacity) (threadBuffer, threadWriter) = (null, null);
            inUse = false;
        }
    }
}
