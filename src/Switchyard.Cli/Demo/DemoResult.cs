using Switchyard.Core.Catalog;

namespace Switchyard.Cli.Demo;

/// <summary>What one demo request came back with.</summary>
/// <param name="Model">x-switchyard-model: the catalog id that answered.</param>
/// <param name="Cost">x-switchyard-cost-usd.</param>
/// <param name="BaselineCost">The same usage priced at the demo's baseline model.</param>
/// <param name="GatewayBaselineCost">x-switchyard-baseline-cost-usd: the gateway's own baseline (for a route, its most expensive model).</param>
public sealed record DemoResult(TaskClass Task, string? Model, decimal Cost, decimal BaselineCost, decimal? GatewayBaselineCost, bool Simulated, string? Error)
{
    public bool Failed => Error is not null;
}
