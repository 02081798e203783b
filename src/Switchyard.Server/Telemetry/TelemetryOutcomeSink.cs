using Switchyard.Core.Accounting;

namespace Switchyard.Server.Telemetry;

/// <summary>Turns every finished request into metrics and spans. Inline on the request path, so both stay cheap.</summary>
public sealed class TelemetryOutcomeSink(GatewayMetrics metrics, RequestSpans spans) : IOutcomeSink
{
    public void Record(RequestOutcome outcome)
    {
        metrics.Record(outcome);
        spans.Record(outcome);
    }
}
