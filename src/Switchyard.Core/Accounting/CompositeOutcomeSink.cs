namespace Switchyard.Core.Accounting;

/// <summary>Hands each outcome to every sink in turn (access log, request log, metrics, health...).</summary>
public sealed class CompositeOutcomeSink(IReadOnlyList<IOutcomeSink> sinks) : IOutcomeSink
{
    public void Record(RequestOutcome outcome)
    {
        foreach (var sink in sinks) sink.Record(outcome);
    }
}
