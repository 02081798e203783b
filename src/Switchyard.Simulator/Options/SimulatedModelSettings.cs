namespace Switchyard.Simulator.Options;

/// <summary>
/// How one simulated model behaves. Treat an instance as immutable once the simulator uses it:
/// change behaviour by replacing the whole record (a <c>with</c> copy), which is atomic.
/// (Setters rather than init: the source-generated JSON reader would otherwise zero the
/// defaults of fields a <c>PUT /_sim/models/…</c> body leaves out.)
/// </summary>
public sealed record SimulatedModelSettings
{
    /// <summary>Delay before the first byte of the answer, in milliseconds. Default 0.</summary>
    public int TimeToFirstTokenMs { get; set; }

    /// <summary>Output speed after the first token; 0 means instant. Default 0.</summary>
    public double TokensPerSecond { get; set; }

    /// <summary>Largest prompt, in simulator tokens, before the provider's context-length error; 0 means unlimited. Default 128000.</summary>
    public int ContextWindow { get; set; } = 128_000;

    /// <summary>Request budget per sliding minute; 0 means unlimited and no request rate-limit headers. Default 0.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>Token budget (prompt + completion) per sliding minute; 0 means unlimited and no token rate-limit headers. Default 0.</summary>
    public int TokensPerMinute { get; set; }

    /// <summary>Retry-After seconds sent with injected 429 and 503 answers. Default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Probabilities of injected faults. Default: none.</summary>
    public FaultRates Faults { get; set; } = new();

    /// <summary>Periods during which every request to this model gets a 503. Default: none.</summary>
    public IReadOnlyList<OutageWindow> Outages { get; set; } = [];
}
