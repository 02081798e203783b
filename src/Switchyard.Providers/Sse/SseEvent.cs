namespace Switchyard.Providers.Sse;

/// <summary>
/// One server-sent event. <see cref="Data"/> lies in the reader's reused buffer: it is valid until
/// the consumer asks for the next event, so a consumer that keeps it longer copies it.
/// </summary>
public readonly struct SseEvent(string? eventName, ReadOnlyMemory<byte> data)
{
    /// <summary>The "event:" field, or null when the event had none (OpenAI and Gemini send none).</summary>
    public string? EventName { get; } = eventName;
    /// <summary>The "data:" lines joined with '\n', without the field name.</summary>
    public ReadOnlyMemory<byte> Data { get; } = data;

    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);
}
