namespace Switchyard.Simulator.Faults;

/// <summary>Fault and timing instructions found in a prompt; see <see cref="SimDirectiveParser"/>.</summary>
internal sealed record SimDirective
{
    public static readonly SimDirective None = new();

    public int? ErrorStatus { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public bool Hang { get; init; }
    public bool Reset { get; init; }
    public int? CutAfter { get; init; }
    public int? ErrorAfter { get; init; }
    public bool Malformed { get; init; }
    public int? TimeToFirstTokenMs { get; init; }
    public double? TokensPerSecond { get; init; }
    /// <summary>Answer without usage, as some OpenAI-compatible servers do (OpenAI wire only).</summary>
    public bool NoUsage { get; init; }
}
