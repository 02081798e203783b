using Switchyard.Core.Gateway;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>Which failures move on to the next deployment of the plan, and what the client sees when none is left.</summary>
public static class FallbackRules
{
    /// <summary>
    /// A request the provider judged invalid would fail the same way elsewhere: stop and tell the
    /// client. A content-policy refusal too, unless configured to try another provider. Everything
    /// else (transport, 429, 5xx once retries are spent, auth, context window, unsupported
    /// operation) may succeed on another deployment.
    /// </summary>
    public static bool ShouldFallBack(UpstreamException ex, ResilienceSettings? settings = null) => ex.Kind switch
    {
        UpstreamErrorKind.BadRequest => false,
        UpstreamErrorKind.ContentPolicy => settings?.FallbackOnContentPolicy ?? false,
        _ => true,
    };

    public static GatewayException ToClientError(UpstreamException last, ExecutionTrace trace)
    {
        if (last.Kind == UpstreamErrorKind.BadRequest)
            return new GatewayException(400, "invalid_request_error", last.ProviderCode ?? "upstream_rejected", last.Message);
        if (last.Kind == UpstreamErrorKind.ContentPolicy)
            return new GatewayException(400, "invalid_request_error", "content_policy_violation", last.Message);
        var details = string.Join("; ", trace.Attempts.Select(a => $"{a.DeploymentId}: {a.Error}"));
        return GatewayErrors.UpstreamFailed(details);
    }

    /// <summary>Every deployment of the plan was skipped because its breaker opened after planning: 503, as routing answers.</summary>
    public static GatewayException AllOpen(IReadOnlyList<string> skipped) =>
        GatewayErrors.AllCandidatesUnhealthy(
            $"Every remaining candidate is unhealthy: {string.Join("; ", skipped.Select(id => $"{id}: its circuit breaker is open (recent failures)"))}");
}
