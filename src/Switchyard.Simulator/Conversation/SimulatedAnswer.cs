namespace Switchyard.Simulator.Conversation;

internal enum FinishKind { Stop, Length, StopSequence, ToolCall }

/// <summary>
/// One finished answer, computed before any byte is sent, so usage and pacing are known up
/// front. <see cref="TextTokens"/> are the exact text stream deltas; <see cref="CompletionTokens"/>
/// is their number plus the tool call's count.
/// </summary>
internal sealed class SimulatedAnswer
{
    public required string Text { get; init; }

    public required string[] TextTokens { get; init; }

    public SimulatedToolCall? ToolCall { get; init; }

    public required FinishKind Finish { get; init; }

    /// <summary>The stop sequence that ended the text, when <see cref="Finish"/> is StopSequence.</summary>
    public string? MatchedStopSequence { get; init; }

    public int CompletionTokens => TextTokens.Length + (ToolCall?.TokenCount ?? 0);
}

/// <summary>
/// A call of one tool. It counts as the tokens of its name plus the tokens of its arguments by
/// <see cref="Generation.JsonTokenCounter"/> (names and values, not punctuation), the same rule
/// as for tool calls in a prompt. <see cref="ArgumentTokens"/> are only the stream fragments.
/// </summary>
internal sealed record SimulatedToolCall(string Name, string ArgumentsJson, string[] ArgumentTokens, int ArgumentsTokenCount)
{
    public int TokenCount => Generation.TokenCounter.Count(Name) + ArgumentsTokenCount;
}
