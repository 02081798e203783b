using System.Diagnostics;
using Switchyard.Core.Accounting;
using Switchyard.Core.Execution;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Telemetry;

/// <summary>
/// Writes one span per request and one child span per upstream attempt, from the finished
/// <see cref="RequestOutcome"/>: the request path stays free of tracing code, and nothing at all
/// happens when no listener subscribed to the "Switchyard" source. Attempt spans are laid end to
/// end from the request's start (the trace records each attempt's duration, not its start), so
/// their offsets are approximate by the routing time and any retry backoff.
/// </summary>
public sealed class RequestSpans(TimeProvider time)
{
    public void Record(RequestOutcome outcome)
    {
        var source = SwitchyardTelemetry.Source;
        if (!source.HasListeners()) return;

        var end = time.GetUtcNow();
        var start = end - outcome.Elapsed;
        var operation = GenAiAttributes.OperationFor(outcome.Endpoint);
        var outer = Activity.Current;
        // ASP.NET Core's own request activity is not exported (its source is not subscribed), so the
        // request span hangs off the caller's traceparent, if it sent one, rather than off that activity.
        Activity.Current = null;
        try
        {
            using var span = source.StartActivity(outcome.Route is null ? operation : $"{operation} {outcome.Route}",
                ActivityKind.Server, CallerContext(outer), startTime: start);
            if (span is null) return;
            if (span.IsAllDataRequested) DescribeRequest(span, outcome, operation);
            var at = start;
            var trace = outcome.Trace;
            for (var i = 0; i < trace.Attempts.Count; i++)
            {
                var attempt = trace.Attempts[i];
                var attemptEnd = Min(at + attempt.Elapsed, end);
                RecordAttempt(source, span.Context, outcome, attempt, i, at, attemptEnd, operation);
                at = attemptEnd;
            }
            span.SetEndTime(end.UtcDateTime);
        }
        finally
        {
            Activity.Current = outer;
        }
    }

    private static ActivityContext CallerContext(Activity? outer) =>
        outer is { Parent: null } && outer.ParentSpanId != default
            ? new ActivityContext(outer.TraceId, outer.ParentSpanId, outer.ActivityTraceFlags, outer.TraceStateString, isRemote: true)
            : default;

    private static void DescribeRequest(Activity span, RequestOutcome outcome, string operation)
    {
        span.SetTag(GenAiAttributes.OperationName, operation);
        span.SetTag(GenAiAttributes.RequestId, outcome.RequestId);
        if (outcome.Route is { } requested) span.SetTag(GenAiAttributes.RequestModel, requested);
        if (outcome.Request is { } request)
        {
            if (request.RequestedMaxOutputTokens is { } maxTokens) span.SetTag(GenAiAttributes.RequestMaxTokens, maxTokens);
            if (request.Temperature is { } temperature) span.SetTag(GenAiAttributes.RequestTemperature, temperature);
            if (request.TopP is { } topP) span.SetTag(GenAiAttributes.RequestTopP, topP);
        }
        if (outcome.TimeToFirstByte is { } ttfb) span.SetTag(GenAiAttributes.TimeToFirstByteMs, ttfb.TotalMilliseconds);
        if (outcome.UpstreamTime is { } upstream) span.SetTag(GenAiAttributes.OverheadMs, Math.Max(0, (outcome.Elapsed - upstream).TotalMilliseconds));
        if (outcome.Trace.Answered is { } answered)
        {
            DescribeDeployment(span, answered);
            span.SetTag(GenAiAttributes.ResponseModel, answered.Model.Id);
        }
        if (outcome.Usage is { } usage)
        {
            span.SetTag(GenAiAttributes.InputTokens, usage.PromptTokens);
            span.SetTag(GenAiAttributes.OutputTokens, usage.CompletionTokens);
        }
        if (outcome.Decision is { } decision)
        {
            span.SetTag(GenAiAttributes.Route, decision.DecidedBy);
            span.SetTag(GenAiAttributes.Policy, decision.Policy);
            if (decision.Arm is { } arm) span.SetTag(GenAiAttributes.Arm, arm);
        }
        else if (outcome.Route is { } route) span.SetTag(GenAiAttributes.Route, route);
        span.SetTag(GenAiAttributes.Attempts, outcome.Trace.Attempts.Count);
        span.SetTag(GenAiAttributes.Streamed, outcome.Streamed);
        if (outcome.Cost is { } cost)
        {
            span.SetTag(GenAiAttributes.CostUsd, (double)cost.Cost);
            span.SetTag(GenAiAttributes.CostEstimated, cost.Estimated);
            if (cost.BaselineCost is { } baseline) span.SetTag(GenAiAttributes.BaselineCostUsd, (double)baseline);
        }
        span.SetTag(GenAiAttributes.HttpStatus, outcome.Status);
        if (outcome.Status >= 400 || outcome.Error is not null) span.SetTag(GenAiAttributes.ErrorType, ErrorType(outcome));
        // Server spans mark only 5xx as errors (OpenTelemetry HTTP conventions): a 4xx is the caller's mistake.
        if (outcome.Status >= 500) span.SetStatus(ActivityStatusCode.Error, outcome.Error);
    }

    private static void RecordAttempt(ActivitySource source, ActivityContext parent, RequestOutcome outcome, AttemptRecord attempt,
        int index, DateTimeOffset start, DateTimeOffset end, string operation)
    {
        var deployment = FindDeployment(outcome, attempt.DeploymentId);
        var name = deployment is null ? operation : $"{operation} {deployment.UpstreamModel}";
        using var span = source.StartActivity(name, ActivityKind.Client, parent, startTime: start);
        if (span is null) return;
        if (span.IsAllDataRequested)
        {
            span.SetTag(GenAiAttributes.OperationName, operation);
            span.SetTag(GenAiAttributes.Deployment, attempt.DeploymentId);
            span.SetTag(GenAiAttributes.Attempt, index + 1);
            if (deployment is not null)
            {
                DescribeDeployment(span, deployment);
                span.SetTag(GenAiAttributes.RequestModel, deployment.UpstreamModel);
                span.SetTag(GenAiAttributes.ServerAddress, deployment.Provider.BaseUrl.Host);
                span.SetTag(GenAiAttributes.ServerPort, deployment.Provider.BaseUrl.Port);
            }
            if (attempt.Status is { } status) span.SetTag(GenAiAttributes.HttpStatus, status);
            if (attempt.Outcome == "ok")
            {
                if (ReferenceEquals(deployment, outcome.Trace.Answered) && outcome.Usage is { } usage)
                {
                    span.SetTag(GenAiAttributes.ResponseModel, deployment!.Model.Id);
                    span.SetTag(GenAiAttributes.InputTokens, usage.PromptTokens);
                    span.SetTag(GenAiAttributes.OutputTokens, usage.CompletionTokens);
                }
            }
            else
            {
                span.SetTag(GenAiAttributes.ErrorType, attempt.Outcome);
                span.SetStatus(ActivityStatusCode.Error, attempt.Error);
            }
        }
        span.SetEndTime(end.UtcDateTime);
    }

    private static void DescribeDeployment(Activity span, Deployment deployment)
    {
        var provider = GenAiAttributes.ProviderFor(deployment.Provider.Kind);
        span.SetTag(GenAiAttributes.ProviderName, provider);
        span.SetTag(GenAiAttributes.System, provider);
        span.SetTag(GenAiAttributes.Provider, deployment.Provider.Name);
        span.SetTag(GenAiAttributes.Deployment, deployment.Id);
    }

    private static Deployment? FindDeployment(RequestOutcome outcome, string id)
    {
        if (outcome.Trace.Answered is { } answered && answered.Id == id) return answered;
        if (outcome.Decision is not { } decision) return null;
        foreach (var d in decision.Plan) if (d.Id == id) return d;
        foreach (var d in decision.Candidates) if (d.Id == id) return d;
        return null;
    }

    private static string ErrorType(RequestOutcome outcome)
    {
        if (outcome.Trace.Answered is null && outcome.Trace.Attempts.Count > 0 && outcome.Trace.Attempts[^1].Outcome is var kind && kind != "ok") return kind;
        return outcome.Status >= 400 ? StatusText.Of(outcome.Status) : "aborted";
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
