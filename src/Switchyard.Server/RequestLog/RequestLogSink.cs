using Switchyard.Core.Accounting;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.RequestLog;

/// <summary>The request log's outcome sink: builds the row and hands it to the writer's queue (no disk on the request path).</summary>
public sealed class RequestLogSink(RequestLogRowBuilder rows, RequestLogWriter writer) : IOutcomeSink
{
    public void Record(RequestOutcome outcome) => writer.Enqueue(rows.Build(outcome));
}
