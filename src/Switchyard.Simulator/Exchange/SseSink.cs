using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Faults;

namespace Switchyard.Simulator.Exchange;

/// <summary>What a frame is, for pacing and for where stream faults strike.</summary>
internal enum FrameKind
{
    /// <summary>Opening and bookkeeping frames (role chunk, message_start, ping, block start/stop).</summary>
    Control,
    /// <summary>One token of output.</summary>
    Content,
    /// <summary>Frames that finish the answer (finish reason, usage, [DONE], message_stop).</summary>
    Closing,
}

/// <summary>
/// Writes one stream's frames straight into the response pipe, applying the request's pacing
/// and stream faults. A fault ends the stream by throwing <see cref="StreamStoppedException"/>.
/// In JSON-array mode (Gemini without alt=sse) frames become elements of one JSON array.
/// </summary>
internal sealed class SseSink
{
    private static readonly byte[] BrokenJson = "{\"simulated\":\"malformed"u8.ToArray();

    private readonly SimulatedExchange _exchange;
    private readonly PipeWriter _pipe;
    private readonly byte[] _frameEnd;
    private readonly bool _jsonArray;
    private int _contentSent;
    private int _framesSent;
    private bool _malformedSent;

    public SseSink(SimulatedExchange exchange, PipeWriter pipe, byte[] frameEnd, bool jsonArray)
    {
        _exchange = exchange;
        _pipe = pipe;
        _frameEnd = frameEnd;
        _jsonArray = jsonArray;
        Json = new Utf8JsonWriter(pipe, WireJson.WriterOptions);
    }

    /// <summary>Writer for the current frame's JSON; valid between <see cref="BeginAsync"/> and <see cref="EndAsync"/>.</summary>
    public Utf8JsonWriter Json { get; }

    /// <param name="carriesToken">A closing frame that also carries the last token (Gemini): paced and counted like content.</param>
    public async ValueTask BeginAsync(FrameKind kind, string? eventName = null, bool carriesToken = false)
    {
        var fault = _exchange.Fault;
        if (kind != FrameKind.Control && (_contentSent >= fault.Count || kind == FrameKind.Closing))
        {
            if (fault.Kind == FaultKind.Cut)
            {
                await _pipe.FlushAsync(_exchange.Aborted);
                await _exchange.AbortAfterDeliveryAsync();
                throw new StreamStoppedException("cut");
            }
            if (fault.Kind == FaultKind.ErrorInStream)
            {
                _exchange.Dialect.WriteStreamError(this, SimError.FromStatus(fault.Status, null), _exchange.RequestId);
                await _pipe.FlushAsync(_exchange.Aborted);
                throw new StreamStoppedException("stream_error");
            }
        }

        var isToken = kind == FrameKind.Content || carriesToken;
        if (isToken) await _exchange.Pacer.WaitForTokenAsync(_contentSent, _exchange.Aborted);
        else if (_framesSent == 0) await _exchange.Pacer.WaitForTokenAsync(0, _exchange.Aborted);

        if (isToken && fault.Kind == FaultKind.Malformed && !_malformedSent)
        {
            _malformedSent = true;
            StartFrame(eventName);
            _pipe.Write(BrokenJson);
            FinishFrame();
        }
        StartFrame(eventName);
        if (isToken) _contentSent++;
    }

    public async ValueTask EndAsync()
    {
        FinishFrame();
        // An instant answer goes out in one write at the end (much cheaper at benchmark rates);
        // a paced one is flushed frame by frame so that the client sees the timing.
        if (_exchange.Pacer.IsInstant) return;
        var result = await _pipe.FlushAsync(_exchange.Aborted);
        if (result.IsCanceled || result.IsCompleted) throw new StreamStoppedException("client_closed");
    }

    /// <summary>A frame whose data is not JSON, such as OpenAI's <c>[DONE]</c>.</summary>
    public async ValueTask WriteRawAsync(FrameKind kind, string data)
    {
        await BeginAsync(kind);
        _pipe.Write(Encoding.UTF8.GetBytes(data));
        await EndAsync();
    }

    /// <summary>Closes the JSON array in JSON-array mode and sends what is buffered.</summary>
    public async ValueTask CompleteAsync()
    {
        if (_jsonArray) _pipe.Write(_framesSent == 0 ? "[]"u8 : "]"u8);
        await _pipe.FlushAsync(_exchange.Aborted);
    }

    /// <summary>Starts a frame without fault checks or pacing (used for error frames).</summary>
    internal void StartFrame(string? eventName)
    {
        if (_jsonArray)
        {
            _pipe.Write(_framesSent == 0 ? "["u8 : ",\r\n"u8);
        }
        else
        {
            if (eventName is not null)
            {
                _pipe.Write("event: "u8);
                _pipe.Write(Encoding.UTF8.GetBytes(eventName));
                _pipe.Write("\n"u8);
            }
            _pipe.Write("data: "u8);
        }
        Json.Reset(_pipe);
    }

    internal void FinishFrame()
    {
        Json.Flush();
        if (!_jsonArray) _pipe.Write(_frameEnd);
        _framesSent++;
    }
}

/// <summary>Ends a stream early on purpose; <see cref="Outcome"/> goes to the statistics.</summary>
internal sealed class StreamStoppedException(string outcome) : Exception(outcome)
{
    public string Outcome { get; } = outcome;
}
