using Switchyard.Core.Catalog;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Runtime;

/// <summary>One model served by one provider account: the unit of breakers, health and statistics.</summary>
/// <param name="Id">"provider/model", e.g. "openai-main/gpt-4o".</param>
/// <param name="ModelName">The public model name clients send that this deployment serves.</param>
/// <param name="UpstreamModel">The name the provider knows the model by.</param>
/// <param name="Model">The catalog entry with this deployment's overrides applied (window, limits, capabilities, tags).</param>
/// <param name="PriceOverride">Prices set on the deployment in config; they win over live and catalog prices.</param>
/// <param name="Simulated">Served by the built-in simulator: every answer is marked x-switchyard-simulated.</param>
public sealed record Deployment(
    string Id,
    string ModelName,
    ProviderEndpoint Provider,
    string UpstreamModel,
    CatalogModel Model,
    ModelPricing? PriceOverride,
    bool Simulated)
{
    public int MaxOutputTokens => Model.MaxOutputTokens;
}

/// <summary>A public name a client can send: a model (its own deployments) or a route over models.</summary>
/// <param name="Deployments">The candidates, in config order.</param>
/// <param name="Policy">Orders the candidates that pass the filters (fixed for a plain model).</param>
/// <param name="Split">An optional A/B split to another policy.</param>
/// <param name="MaxFallbacks">How many fallbacks the plan keeps after the primary; null = all.</param>
/// <param name="SessionAffinity">Keep a session on its first deployment (default on).</param>
public sealed record RouteEntry(
    string Name,
    bool IsModel,
    IReadOnlyList<Deployment> Deployments,
    Routing.Policies.IRoutingPolicy Policy,
    Routing.AbSplit? Split = null,
    int? MaxFallbacks = null,
    bool SessionAffinity = true)
{
    /// <summary>The policy, params and split the route was built from (null for a plain model).</summary>
    public Config.RoutePolicySpec? PolicySpec { get; init; }
}
