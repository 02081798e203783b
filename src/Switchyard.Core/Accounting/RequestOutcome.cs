using Switchyard.Core.Chat;
using Switchyard.Core.Execution;

namespace Switchyard.Core.Accounting;

/// <summary>
/// What happened to one request, handed to accounting once it is over: the one explicit outcome
/// that the request log, metrics and health statistics read (DESIGN.md: no scattered callbacks).
/// </summary>
public sealed record RequestOutcome(
    string RequestId,
    string Endpoint,
    string? Route,
    bool Streamed,
    int Status,
    ExecutionTrace Trace,
    Usage? Usage,
    CostBreakdown? Cost,
    TimeSpan Elapsed,
    string? Error)
{
    /// <summary>The routing decision (candidates, removals, policy, arm, plan), when routing ran.</summary>
    public Routing.RoutingDecision? Decision { get; init; }

    /// <summary>The parsed request (the request log stores its prompt when body logging is on).</summary>
    public ChatRequest? Request { get; init; }
    /// <summary>From arrival to the first byte of the answer (a stream: its first chunk sent); null when none was sent.</summary>
    public TimeSpan? TimeToFirstByte { get; init; }
    /// <summary>Time spent waiting on upstreams, every attempt included (a stream: through its last chunk). Elapsed minus this is the gateway's overhead.</summary>
    public TimeSpan? UpstreamTime { get; init; }
    /// <summary>The answer's content hash (and text when body logging is on).</summary>
    public ResponseDigest? Response { get; init; }
    /// <summary>The virtual key's id and its project; null until virtual keys exist.</summary>
    public string? KeyId { get; init; }
    public string? Project { get; init; }
    /// <summary>Validator outcomes of a cascade, as JSON; null until cascades exist.</summary>
    public string? ValidatorOutcomes { get; init; }
}

/// <summary>Receives every finished request. Must not block: the request path calls it inline.</summary>
public interface IOutcomeSink
{
    void Record(RequestOutcome outcome);
}
