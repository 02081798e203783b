using Microsoft.Extensions.Logging;
using Switchyard.Core.Accounting;

namespace Switchyard.Server.Accounting;

/// <summary>The access log: one line per finished request, with what answered and what it cost. Never a key or a body.</summary>
public sealed partial class LoggingOutcomeSink(ILogger<LoggingOutcomeSink> logger) : IOutcomeSink
{
    public void Record(RequestOutcome outcome)
    {
        if (!logger.IsEnabled(LogLevel.Information)) return;
        var model = outcome.Trace.Answered?.Id ?? "-";
        Logged(logger, outcome.RequestId, outcome.Endpoint, outcome.Status, outcome.Route ?? "-", model,
            outcome.Trace.Attempts.Count, outcome.Usage?.PromptTokens ?? 0, outcome.Usage?.CompletionTokens ?? 0,
            outcome.Cost?.Cost ?? 0m, outcome.Elapsed.TotalMilliseconds, outcome.Error ?? "");
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{RequestId} {Endpoint} {Status} route={Route} deployment={Deployment} attempts={Attempts} tokens={InputTokens}/{OutputTokens} cost_usd={Cost} ms={ElapsedMs:0.0} {Error}")]
    private static partial void Logged(ILogger logger, string requestId, string endpoint, int status, string route, string deployment,
        int attempts, int inputTokens, int outputTokens, decimal cost, double elapsedMs, string error);
}
