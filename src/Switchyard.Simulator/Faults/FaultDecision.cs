namespace Switchyard.Simulator.Faults;

internal enum FaultKind { None, HttpError, Hang, Reset, Cut, ErrorInStream, Malformed }

/// <summary>The one fault (or none) a request gets. <see cref="Count"/> is the content chunks before a cut or in-stream error.</summary>
internal readonly record struct FaultDecision(FaultKind Kind, int Status = 0, int? RetryAfterSeconds = null, int Count = 0)
{
    public static readonly FaultDecision None = new(FaultKind.None);
}
