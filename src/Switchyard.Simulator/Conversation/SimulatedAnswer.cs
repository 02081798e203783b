namespace Switchyard.Simulator.Conversation;

internal enum FinishKind { Stop, Length, StopSequence, ToolCall }

/// <summary>
/// One finished answer, computed before any byte is sent, so usage and pacing are known up
/// front. <see cref="TextTokens"/> and <see cref="SimulatedToolCall.ArgumentTokens"/> are the
/// exact stream deltas; <see cref="CompletionTokens"/> is their number.
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

/// <summary>A call of one tool; counts as the tokens of its name plus those of its JSON arguments.</summary>
internal sealed record SimulatedToolCall(string Name, string ArgumentsJson, string[] ArgumentTokens)
{
    public int TokenCount => Generation.TokenCounter.Count(Name) + ArgumentTokens.Length;
}
