namespace Switchyard.Core.Runtime;

/// <summary>Holds the current snapshot; a reload swaps it atomically while requests in flight keep theirs.</summary>
public sealed class SnapshotHolder(GatewaySnapshot initial)
{
    private volatile GatewaySnapshot current = initial;

    public GatewaySnapshot Current => current;

    public void Swap(GatewaySnapshot next) => current = next;
}
