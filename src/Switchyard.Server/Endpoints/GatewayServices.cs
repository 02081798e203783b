using Switchyard.Core.Accounting;
using Switchyard.Core.Execution;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Endpoints;

/// <summary>What the endpoints need, resolved once at start-up rather than per request.</summary>
public sealed class GatewayServices(SnapshotHolder snapshots, ChatExecutor executor, RequestCosting costing, PriceBook prices,
    RoutingServices routing, TimeProvider time)
{
    public PriceBook Prices { get; } = prices;
    public RoutingServices Routing { get; } = routing;
    public RequestCosting Costing { get; } = costing;
    public SnapshotHolder Snapshots { get; } = snapshots;
    public ChatExecutor Executor { get; } = executor;
    public TimeProvider Time { get; } = time;
}
