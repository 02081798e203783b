using System.Collections.Concurrent;
using Switchyard.Core.Accounting;

namespace Switchyard.Server.Tests.Support;

/// <summary>Keeps every request outcome, so tests can check what accounting received.</summary>
public sealed class RecordingOutcomeSink : IOutcomeSink
{
    private readonly ConcurrentQueue<RequestOutcome> outcomes = new();

    public void Record(RequestOutcome outcome) => outcomes.Enqueue(outcome);

    public RequestOutcome? Find(string requestId) => outcomes.FirstOrDefault(o => o.RequestId == requestId);
}
