namespace Switchyard.Simulator.Options;

/// <summary>How one simulated model behaves. Immutable: replace the whole record to change it.</summary>
public sealed record SimulatedModelSettings
{
    /// <summary>Delay before the first byte of the answer, in milliseconds. Default 0.</summary>
    public int TimeToFirstTokenMs { get; init; }

    /// <summary>Output speed after the first token; 0 means instant. Default 0.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Largest prompt, in simulator tokens, before the provider's context-length error; 0 means unlimited. Default 128000.</summary>
    public int ContextWindow { get; init; } = 128_000;

    /// <summary>Request budget per sliding minute; 0 means unlimited and no request rate-limit headers. Default 0.</summary>
    public int RequestsPerMinute { get; init; }

    /// <summary>Token budget (prompt + completion) per sliding minute; 0 means unlimited and no token rate-limit headers. Default 0.</summary>
    public int TokensPerMinute { get; init; }

    /// <summary>Retry-After seconds sent with injected 429 and 503 answers. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Probabilities of injected faults. Default: none.</summary>
    public FaultRates Faults { get; init; } = new();

    /// <summary>Periods during which every request to this model gets a 503. Default: none.</summary>
    public IReadOnlyList<OutageWindow> Outages { get; init; } = [];
}
