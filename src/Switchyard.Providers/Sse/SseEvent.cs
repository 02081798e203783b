namespace Switchyard.Providers.Sse;

/// <summary>
/// One server-sent event. <see cref="Data"/> is the event's own copy of its bytes.
/// </summary>
public readonly struct SseEvent(string? eventName, ReadOnlyMemory<byte> data)
{
    /// <summary>The "event:" field, or null when the event had none (OpenAI and Gemini send none).</summary>
    public string? EventName { get; } = eventName;
    /// <summary>The "data:" lines joined with '\n', without the field name.</summary>
    public ReadOnlyMemory<byte> Data { get; } = data;

    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);
}
