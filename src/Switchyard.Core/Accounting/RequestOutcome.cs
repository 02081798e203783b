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
}

/// <summary>Receives every finished request. Must not block: the request path calls it inline.</summary>
public interface IOutcomeSink
{
    void Record(RequestOutcome outcome);
}
