using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Config;
using Switchyard.Core.Execution;
using Switchyard.Core.Pricing;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Accounting;

/// <summary>What a request cost, and what it would have cost on the baseline model.</summary>
/// <param name="Estimated">True when the upstream reported no usage and the tokens were counted by the gateway.</param>
/// <param name="BaselineModel">The catalog id the baseline cost was priced at.</param>
public sealed record CostBreakdown(decimal Cost, bool Estimated, decimal? BaselineCost, string? BaselineModel)
{
    public decimal? Savings => BaselineCost - Cost;
}

/// <summary>
/// Prices a finished call at the answering deployment's price in force, and the same token counts
/// at the baseline model's price: the saving routing made. (Token counts differ a little between
/// tokenizers; pricing the same counts keeps the comparison about price, as LiteLLM and RouteLLM do.)
/// </summary>
public sealed class RequestCosting(PriceBook prices)
{
    public CostBreakdown Compute(Deployment answered, RouteEntry route, Usage usage, bool estimated, GatewaySnapshot snapshot)
    {
        var cost = CostCalculator.Cost(prices.For(answered), usage);
        var baseline = BaselineFor(route, answered, snapshot);
        return new CostBreakdown(cost, estimated, baseline is null ? null : CostCalculator.Cost(prices.For(baseline), usage), baseline?.Id);
    }

    /// <summary>
    /// "requested": the model the client named, or for a route the most expensive model it may use
    /// (the "send everything to the premium model" counterfactual); otherwise the configured model.
    /// </summary>
    public CatalogModel? BaselineFor(RouteEntry route, Deployment answered, GatewaySnapshot snapshot)
    {
        var configured = snapshot.Accounting.BaselineModel;
        if (configured != AccountingBaseline.Requested)
            return snapshot.Catalog.Find(configured) ?? snapshot.FindRoute(configured)?.Deployments.FirstOrDefault()?.Model;
        if (route.IsModel) return answered.Model;
        // The dearest model of the route, the first of equals (a loop: this runs for every answered request).
        CatalogModel? dearest = null;
        var highest = 0m;
        foreach (var deployment in route.Deployments)
        {
            var price = prices.For(deployment.Model);
            var total = price.InputPerMillion + price.OutputPerMillion;
            if (dearest is null || total > highest) (dearest, highest) = (deployment.Model, total);
        }
        return dearest;
    }
}
