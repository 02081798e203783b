using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Server.Http;

/// <summary>
/// Writes canonical chunks as OpenAI-style server-sent events straight into the response pipe:
/// "data: {json}\n\n", flushed per chunk so the client sees each token as it arrives.
/// One Utf8JsonWriter is reused for the whole stream; plain text chunks are written without the
/// serializer (<see cref="ChunkJsonWriter"/>).
/// </summary>
public sealed class SseChunkWriter(PipeWriter pipe) : IDisposable
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly Utf8JsonWriter json = new(pipe, new JsonWriterOptions { SkipValidation = true });

    public ValueTask<FlushResult> WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        pipe.Write(DataPrefix);
        json.Reset(pipe);
        ChunkJsonWriter.Write(json, chunk);
        json.Flush();
        pipe.Write(EventEnd);
        return pipe.FlushAsync(cancellationToken);
    }

    public ValueTask<FlushResult> WriteDoneAsync(CancellationToken cancellationToken)
    {
        pipe.Write(Done);
        return pipe.FlushAsync(cancellationToken);
    }

    /// <summary>DESIGN.md's mid-stream failure event: data: {"error":{...}}; the caller then aborts the connection.</summary>
    public ValueTask<FlushResult> WriteErrorAsync(string message, string type, string code, CancellationToken cancellationToken)
    {
        pipe.Write(DataPrefix);
        json.Reset(pipe);
        var body = new ErrorResponse { Error = new ErrorBody { Message = message, Type = type, Code = code } };
        JsonSerializer.Serialize(json, body, ChatJsonContext.Default.ErrorResponse);
        json.Flush();
        pipe.Write(EventEnd);
        return pipe.FlushAsync(cancellationToken);
    }

    public void Dispose() => json.Dispose();
}
