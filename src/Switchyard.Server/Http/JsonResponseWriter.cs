using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Switchyard.Core.Chat;

namespace Switchyard.Server.Http;

/// <summary>
/// Writes a whole JSON answer with its Content-Length. The value is serialized in one synchronous
/// pass into a buffer kept per thread, then copied into the response pipe: no chunked framing
/// (clients and proxies see the length up front) and none of the serializer's resumable stream
/// machinery, which a few kilobytes of JSON never needs.
/// <para>
/// The pipe is deliberately not flushed. Kestrel sends the answer when the request's handler has
/// returned, so an endpoint's outcome (request log row included) is recorded before the client can
/// hold a complete answer. With the request log in synchronous mode (flush_interval_ms 0) that is the
/// promise "kill -9 loses nothing": a flush here let the client finish reading while the row was
/// still being written.
/// </para>
/// </summary>
public static class JsonResponseWriter
{
    public static void Write<T>(HttpResponse response, T value, JsonTypeInfo<T> type)
    {
        using var json = ThreadJsonWriter.Rent();
        JsonSerializer.Serialize(json.Writer, value, type);
        // The bytes are copied into the pipe before this returns: the buffer is free for this thread's next answer.
        Write(response, json.Written);
    }

    /// <summary>Bytes that already are the JSON answer (an upstream's body passed on unchanged), copied into the pipe at once.</summary>
    public static void Write(HttpResponse response, ReadOnlySpan<byte> json)
    {
        response.ContentLength = json.Length;
        response.BodyWriter.Write(json); // sent when the handler returns: see the class comment
    }
}
