using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Accounting;
using Switchyard.Core.Catalog;
using Switchyard.Core.Config;
using Switchyard.Core.Execution;
using Switchyard.Core.Health;
using Switchyard.Core.Pricing;
using Switchyard.Core.Routing;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Pii;
using Switchyard.Core.Runtime;
using Switchyard.Core.Upstream;
using Switchyard.Server.Accounting;
using Switchyard.Server.Endpoints;
using Switchyard.Server.Http;
using Switchyard.Server.Pricing;
using Switchyard.Simulator.Hosting;

namespace Switchyard.Server.Hosting;

/// <summary>
/// Builds and starts the gateway. The request path is wired in one place, <see cref="MapGateway"/>:
/// request id, then the OpenAI-compatible endpoints, each of which runs
/// parse → validate → resolve → plan → execute → account → answer.
/// </summary>
public static class GatewayHost
{
    public static async Task<RunningGateway> StartAsync(GatewayStartOptions options, CancellationToken cancellationToken = default)
    {
        var simulator = NeedsSimulator(options.Config)
            ? await SimulatorHost.StartAsync(null, "http://127.0.0.1:0", cancellationToken)
            : null;
        try
        {
            var snapshot = new ConfigValidator(options.Environment, simulator?.BaseAddress, options.Catalog ?? CatalogLoader.LoadBuiltin())
                .Validate(options.Config, options.ConfigSource);
            var app = Build(options, snapshot);
            await Keys.KeyRegistrations.InitializeAsync(app.Services, cancellationToken);
            // Load the BPE rank tables the configured models use off the request path (about 0.1 s, once per
            // process); a model added later by a reload loads its table on first use.
            _ = Task.Run(() => Switchyard.Core.Tokens.TokenCounters.WarmUp(snapshot.Tokenizers), CancellationToken.None);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RunningGateway(app, new Uri(address), app.Services.GetRequiredService<SnapshotHolder>(), simulator);
        }
        catch
        {
            if (simulator is not null) await simulator.DisposeAsync();
            throw;
        }
    }

    private static bool NeedsSimulator(GatewayConfig config) =>
        config.Simulator.Enabled || config.Providers.Values.Any(ConfigValidator.IsSimulated);

    private static WebApplication Build(GatewayStartOptions options, GatewaySnapshot snapshot)
    {
        // No appsettings.json reload: the default watches the working directory, and every write
        // there (a log file next to the gateway, `serve > gateway.log`) woke a watcher thread — 3-4% of
        // the gateway's CPU at 320 req/s. Switchyard's own config file has its own watcher.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls(options.Urls ?? snapshot.Server.Urls ?? GatewayStartOptions.DefaultUrls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = snapshot.Server.MaxRequestBodyBytes * 2; // per-request limits are set by RequestBodyReader
        });
        builder.Logging.ClearProviders();
        // Created by the container so that it is disposed with it: the last lines (shutdown) get written.
        builder.Services.AddSingleton<ILoggerProvider>(_ => new Logging.BatchingConsoleLoggerProvider(Console.OpenStandardOutput()));
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // ASP.NET Core starts an Activity and a log scope for every request whenever its hosting
        // logger is enabled at any level (it logs only request start / finish, at Information, which
        // is filtered out anyway). Unless spans are exported, nobody reads them: off, a request
        // allocates ~1.9 KB less. With traces on it stays, since that Activity carries the caller's
        // traceparent to our request span (RequestSpans) and on to the upstream call.
        if (options.Config.Telemetry is not { OtlpEndpoint: not null, Traces: true })
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Time);
        services.AddSingleton(new SnapshotHolder(snapshot));
        services.AddSingleton(_ => UpstreamHttpClient.CreateHandler(snapshot.Resilience.ConnectTimeout)); // disposed by the container
        services.AddSingleton(sp => UpstreamHttpClient.ClientOver(sp.GetRequiredService<SocketsHttpHandler>(), disposeHandler: false));
        services.AddSingleton(sp => new HttpMessageInvoker(sp.GetRequiredService<SocketsHttpHandler>(), disposeHandler: false));
        services.AddProviderAdapters();
        services.AddSingleton(sp => new HealthRegistry(() => sp.GetRequiredService<SnapshotHolder>().Current.Resilience.Health, options.Time,
            id => sp.GetRequiredService<SnapshotHolder>().Current.FindDeployment(id)?.Model.Id));
        services.AddSingleton<IHealthRegistry>(sp => sp.GetRequiredService<HealthRegistry>());
        services.AddSingleton<IAttemptGate>(sp => sp.GetRequiredService<HealthRegistry>());
        services.AddSingleton<IDeploymentHealth>(sp => sp.GetRequiredService<HealthRegistry>());
        services.AddSingleton<IDeploymentStats>(sp => sp.GetRequiredService<HealthRegistry>());
        services.AddSingleton(sp => new ChatExecutor(sp.GetRequiredService<ProviderAdapterRegistry>(), sp.GetRequiredService<IHealthRegistry>(),
            sp.GetRequiredService<IAttemptGate>(), SharedRandom.Instance, options.Time));
        services.AddSingleton(snapshot.Catalog);
        services.AddSingleton<PriceBook>();
        services.AddSingleton<RequestCosting>();
        services.AddSingleton(sp => new RoutingServices(TaskClassifier.Default, new PiiDetector(), sp.GetRequiredService<HealthRegistry>(), sp.GetRequiredService<HealthRegistry>(),
            new SessionAffinityStore(options.Time), sp.GetRequiredService<RouteWeights>(), SharedRandom.Instance, options.Time));
        Keys.KeyRegistrations.Add(services, options, snapshot.Server.DataDir);
        services.AddSingleton(new LastGoodPriceStore(snapshot.Server.DataDir));
        services.AddSingleton(sp => new PriceRefresher(sp.GetRequiredService<PriceBook>(), snapshot.Catalog,
            sp.GetRequiredService<LastGoodPriceStore>(), sp.GetRequiredService<HttpClient>(), options.Time));
        services.AddHostedService<PriceRefreshService>();
        Health.HealthCheckRegistrations.AddActiveHealthChecks(services);
        services.AddSingleton<LoggingOutcomeSink>();
        RequestLog.RequestLogRegistrations.AddRequestLog(services, options, snapshot.Server.DataDir);
        Telemetry.TelemetryRegistrations.AddTelemetry(services, options);
        services.AddSingleton<IOutcomeSink>(sp => new CompositeOutcomeSink([sp.GetRequiredService<LoggingOutcomeSink>(), sp.GetRequiredService<Telemetry.TelemetryOutcomeSink>(), .. RequestLog.RequestLogRegistrations.Sinks(sp), .. options.OutcomeSinks]));
        services.AddSingleton<GatewayServices>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
        services.AddSingleton<EmbeddingsEndpoint>();

        var app = builder.Build();
        MapGateway(app);
        return app;
    }

    /// <summary>The whole request path, visible in one place.</summary>
    public static void MapGateway(WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<UnhandledErrorMiddleware>();
        Keys.KeyRegistrations.Map(app); // /v1 needs a virtual key when keys are required; /admin/v1 keys, routes, models
        var chat = app.Services.GetRequiredService<ChatCompletionsEndpoint>();
        var models = app.Services.GetRequiredService<ModelsEndpoint>();
        var embeddings = app.Services.GetRequiredService<EmbeddingsEndpoint>();

        app.MapGet("/health", (HttpContext c) => c.Response.WriteAsync("{\"status\":\"ok\"}"));
        app.MapPost("/v1/chat/completions", chat.HandleAsync);
        app.MapGet("/v1/models", models.HandleAsync);
        app.MapPost("/v1/embeddings", embeddings.HandleAsync);
        Admin.AdminEndpoints.Map(app);
        RequestLog.RequestLogRegistrations.Map(app);
        Telemetry.TelemetryRegistrations.Map(app);
        Admin.HealthEndpoints.Map(app);
        app.MapFallback(NotFoundEndpoint.HandleAsync);
    }
}
