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
/// <param name="Deployments">In preference order; the executor falls back along it.</param>
public sealed record RouteEntry(string Name, bool IsModel, IReadOnlyList<Deployment> Deployments);
