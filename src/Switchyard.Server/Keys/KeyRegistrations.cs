using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Keys;
using Switchyard.Core.Routing;
using Switchyard.Server.Hosting;
using Switchyard.Storage.Keys;

namespace Switchyard.Server.Keys;

/// <summary>
/// The wiring of virtual keys, budgets, rate limits and runtime overrides: the key store (PostgreSQL
/// when auth.postgres or request_log.postgres is set, else SQLite at server.data_dir/keys.db), the cache and its sync round,
/// the request gate, the /v1 auth middleware, the admin endpoints, and the config file reload.
/// </summary>
public static class KeyRegistrations
{
    public static void Add(IServiceCollection services, GatewayStartOptions options, string dataDir)
    {
        var auth = options.Config.Auth;
        services.AddSingleton<IKeyStore>(_ => CreateStore(auth, options.Config.RequestLog, options.Environment, dataDir));
        services.AddSingleton<RouteWeights>();
        services.AddSingleton<DisabledModels>();
        services.AddSingleton<RuntimeRoutePolicies>();
        services.AddSingleton(sp => new KeyService(sp.GetRequiredService<IKeyStore>(), options.Time, sp.GetRequiredService<RouteWeights>(),
            sp.GetRequiredService<DisabledModels>(), sp.GetRequiredService<RuntimeRoutePolicies>(), sp.GetRequiredService<ILogger<KeyService>>())
        { RequireKeys = auth.RequireKeys });
        services.AddSingleton(sp => new BudgetLedger(new BudgetStoreAdapter(sp.GetRequiredService<IKeyStore>()), auth.ToBudgetSettings(), options.Time,
            "replica-" + Guid.NewGuid().ToString("N")[..12]));
        services.AddSingleton(_ => new KeyRateLimiter(options.Time));
        services.AddSingleton<KeyGate>();
        services.AddSingleton<KeySyncService>();
        services.AddHostedService(sp => sp.GetRequiredService<KeySyncService>());
        services.AddSingleton<Config.ConfigReloadService>();
        services.AddHostedService(sp => sp.GetRequiredService<Config.ConfigReloadService>());
    }

    /// <summary>Migrates the key store and loads keys and overrides before the first request.</summary>
    public static Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<KeyService>().InitializeAsync(cancellationToken);

    /// <summary>The /v1 auth middleware and the admin endpoints for keys, projects, route weights and models.</summary>
    public static void Map(WebApplication app)
    {
        app.UseMiddleware<KeyAuthMiddleware>();
        KeyAdminEndpoints.Map(app);
    }

    /// <summary>The start-up line on access: open, or keys required and why.</summary>
    public static string DescribeAccess(IServiceProvider services) => services.GetRequiredService<KeyService>().DescribeAccess();

    /// <summary>auth.postgres, else request_log.postgres (one database for everything), else SQLite in the data folder.</summary>
    public static IKeyStore CreateStore(AuthConfig auth, Core.Config.RequestLogConfig requestLog, Func<string, string?> environment, string dataDir) =>
        (auth.ResolvePostgres(environment) ?? (requestLog.Postgres is { } pg ? Core.Config.RequestLogRules.ResolvePostgres(pg, environment) : null)) is { } connectionString
            ? new PostgresKeyStore(connectionString)
            : SqliteKeyStore.InDataDir(dataDir);
}
