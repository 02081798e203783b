using Switchyard.Core.Gateway;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Execution;

/// <summary>Which failures move on to the next deployment of the plan, and what the client sees when none is left.</summary>
public static class FallbackRules
{
    /// <summary>
    /// A request the provider judged invalid, or refused on content, would fail the same way
    /// elsewhere: stop and tell the client. Everything else (transport, 429, 5xx, auth, context
    /// window, unsupported operation) may succeed on another deployment.
    /// </summary>
    public static bool ShouldFallBack(UpstreamException ex) =>
        ex.Kind is not (UpstreamErrorKind.BadRequest or UpstreamErrorKind.ContentPolicy);

    public static GatewayException ToClientError(UpstreamException last, ExecutionTrace trace)
    {
        if (last.Kind == UpstreamErrorKind.BadRequest)
            return new GatewayException(400, "invalid_request_error", last.ProviderCode ?? "upstream_rejected", last.Message);
        if (last.Kind == UpstreamErrorKind.ContentPolicy)
            return new GatewayException(400, "invalid_request_error", "content_policy_violation", last.Message);
        var details = string.Join("; ", trace.Attempts.Select(a => $"{a.DeploymentId}: {a.Error}"));
        return GatewayErrors.UpstreamFailed(details);
    }
}
