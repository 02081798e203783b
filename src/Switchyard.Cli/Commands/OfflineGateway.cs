using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Pricing;
using Switchyard.Core.Runtime;

namespace Switchyard.Cli.Commands;

/// <summary>
/// The snapshot a gateway would build from a config, made without starting anything, for commands
/// that work offline (route explain). Nothing is called: simulated providers get an address that is
/// never dialled, and provider keys missing from this shell get a placeholder so a production config
/// can be explained on a laptop that does not hold its keys.
/// </summary>
internal static class OfflineGateway
{
    /// <summary>Never dialled: routing only needs the simulated providers to have some address.</summary>
    private static readonly Uri UnusedSimulator = new("http://127.0.0.1:1");

    /// <returns>EmbeddedSimulated: no config file and no provider key, so the embedded default stands on the simulator.</returns>
    public static (GatewaySnapshot Snapshot, PriceBook Prices, bool EmbeddedSimulated) Load(string? configFile, Func<string, string?> environment)
    {
        var catalog = CatalogLoader.LoadBuiltin();
        var simulated = false;
        var config = configFile is null ? EmbeddedDefaultConfig.Build(environment, catalog, out simulated) : ConfigLoader.LoadFile(configFile);
        string? KeysOptional(string name) => environment(name) is { Length: > 0 } value ? value : "offline-placeholder";
        var snapshot = new ConfigValidator(KeysOptional, UnusedSimulator, catalog).Validate(config, configFile ?? "the embedded default");
        // The prices a gateway started from this folder would use: the last good live table, else the catalog's.
        var prices = new PriceBook();
        if (new LastGoodPriceStore(snapshot.Server.DataDir).Load(catalog) is { } live) prices.Swap(live);
        return (snapshot, prices, simulated);
    }
}
