using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.State;

namespace Switchyard.Simulator.Exchange;

/// <summary>The parts of a provider's wire format that the shared request flow needs: errors, ids, headers, framing.</summary>
internal abstract class ProviderDialect
{
    /// <summary>Header that carries the provider's request id, or null when the provider sends none.</summary>
    public abstract string? RequestIdHeader { get; }

    /// <summary>Bytes that end one server-sent event.</summary>
    public virtual byte[] FrameEnd { get; } = "\n\n"u8.ToArray();

    public virtual string StreamContentType => "text/event-stream; charset=utf-8";

    public abstract void WriteError(Utf8JsonWriter writer, SimError error, string? requestId);

    /// <summary>The provider's own error for a prompt over the context window.</summary>
    public abstract SimError ContextLength(int promptTokens, int contextWindow);

    public abstract SimError UnknownModel(string model);

    public virtual void AddRateLimitHeaders(IHeaderDictionary headers, RateLimitSnapshot limits, DateTimeOffset now)
    {
    }

    /// <summary>Writes the provider's in-stream error frame.</summary>
    public virtual void WriteStreamError(SseSink sink, SimError error, string? requestId)
    {
        sink.StartFrame(null);
        WriteError(sink.Json, error, requestId);
        sink.FinishFrame();
    }
}
