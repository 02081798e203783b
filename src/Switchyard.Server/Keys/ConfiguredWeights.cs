using Switchyard.Core.Accounting;
using Switchyard.Core.Chat;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Policies;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Keys;

/// <summary>
/// A weighted route's weights as its policy applies them, per model. Read through the policy with
/// routing services that hold no runtime overrides, so the answer is the config file's weights.
/// </summary>
public static class ConfiguredWeights
{
    public static Dictionary<string, double>? Of(RouteEntry route, PriceBook prices) => Of(route, prices, RoutingServices.Offline());

    /// <summary>The weights <paramref name="services"/> would apply (its overrides included); null when the route is not weighted.</summary>
    public static Dictionary<string, double>? Of(RouteEntry route, PriceBook prices, RoutingServices services)
    {
        if (route.Policy is not WeightedPolicy weighted) return null;
        var request = new ChatRequest();
        var context = new RoutingContext(request, RequestControls.None, new CostEstimator(request, prices, 0), services, RoutingSettings.Default, "admin");
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var d in route.Deployments) result.TryAdd(d.ModelName, weighted.WeightOf(context, d));
        return result;
    }
}
