using System.Collections.Frozen;
using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Upstream;

namespace Switchyard.Core.Runtime;

/// <summary>
/// The validated, immutable runtime view of the config. A reload builds a new one and swaps it in
/// atomically; a request keeps the snapshot it started with.
/// </summary>
public sealed class GatewaySnapshot
{
    public required ServerConfig Server { get; init; }
    public required ModelCatalog Catalog { get; init; }
    public required PricingConfig Pricing { get; init; }
    public required AccountingConfig Accounting { get; init; }
    public required Routing.RoutingSettings Routing { get; init; }
    public required FrozenDictionary<string, ProviderEndpoint> Providers { get; init; }
    /// <summary>Every name a client may send in "model": models and routes.</summary>
    public required FrozenDictionary<string, RouteEntry> Routes { get; init; }
    /// <summary>Active health checks (health_checks in the file).</summary>
    public HealthChecksConfig HealthChecks { get; init; } = new();
    /// <summary>Timeouts, retries, fallbacks, breakers and statistics (config section "resilience").</summary>
    public Execution.ResilienceSettings Resilience { get; init; } = Execution.ResilienceSettings.Default;
    /// <summary>True when any deployment is served by the built-in simulator.</summary>
    public bool UsesSimulator => Routes.Values.Any(r => r.Deployments.Any(d => d.Simulated));

    /// <summary>The tokenizers of every configured model (catalog names: o200k_base, cl100k_base, estimate), for the start-up warm-up.</summary>
    public IEnumerable<string> Tokenizers => Routes.Values.SelectMany(r => r.Deployments).Select(d => d.Model.Tokenizer).Distinct(StringComparer.Ordinal);

    public RouteEntry? FindRoute(string name) => Routes.GetValueOrDefault(name);

    /// <summary>The same snapshot with other route entries (runtime policy changes). Every other setting is carried over.</summary>
    public GatewaySnapshot WithRoutes(FrozenDictionary<string, RouteEntry> routes) => new()
    {
        Server = Server,
        Catalog = Catalog,
        Pricing = Pricing,
        Accounting = Accounting,
        Routing = Routing,
        Providers = Providers,
        Routes = routes,
        HealthChecks = HealthChecks,
        Resilience = Resilience,
    };

    private FrozenDictionary<string, Deployment>? deployments;

    /// <summary>A deployment by its id ("provider/model"), from any model or route.</summary>
    public Deployment? FindDeployment(string id)
    {
        deployments ??= Routes.Values.SelectMany(r => r.Deployments).DistinctBy(d => d.Id).ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        return deployments.GetValueOrDefault(id);
    }
}
