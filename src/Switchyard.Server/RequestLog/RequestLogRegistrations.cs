using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Accounting;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Storage;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.RequestLog;

/// <summary>
/// The request log's wiring: store (PostgreSQL when request_log.postgres is set, else SQLite in
/// server.data_dir), writer, row builder and sink; then its middleware, POST /v1/feedback and the
/// admin endpoints. With request_log.enabled false none of it is registered.
/// </summary>
public static partial class RequestLogRegistrations
{
    public static void AddRequestLog(IServiceCollection services, GatewayStartOptions options, string dataDir)
    {
        var config = options.Config.RequestLog;
        if (!config.Enabled) return;
        services.AddSingleton(_ => CreateStore(config, options.Environment, dataDir));
        services.AddSingleton<RequestLogEvents>();
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IRequestLogStore>();
            var writer = new RequestLogWriter(store, WriterOptions(config, dataDir), sp.GetRequiredService<RequestLogEvents>());
            writer.StartAsync(CancellationToken.None).GetAwaiter().GetResult(); // migrations before the first request
            Started(sp.GetRequiredService<ILogger<RequestLogWriter>>(), store.Describe(), config.Bodies ? "on" : "off", config.FlushIntervalMs);
            return writer;
        });
        services.AddSingleton(sp => sp.GetRequiredService<RequestLogWriter>().Counters);
        services.AddSingleton(new RequestLogRowBuilder(options.Time, config.Bodies ? new BodyRedactor(config.Redact) : null));
        services.AddSingleton<RequestLogSink>();
    }

    /// <summary>The request log's outcome sink, when enabled (for the outcome sinks list).</summary>
    public static IEnumerable<IOutcomeSink> Sinks(IServiceProvider services) =>
        services.GetService<RequestLogSink>() is { } sink ? [sink] : [];

    /// <summary>The middleware (fail closed, body capture), POST /v1/feedback and the /admin/v1 spend and logs endpoints.</summary>
    public static void Map(WebApplication app)
    {
        if (app.Services.GetService<RequestLogWriter>() is not null) app.UseMiddleware<RequestLogAdmission>();
        Endpoints.FeedbackEndpoint.Map(app);
        Admin.SpendEndpoint.Map(app);
        Admin.LogsEndpoints.Map(app);
    }

    public static IRequestLogStore CreateStore(RequestLogConfig config, Func<string, string?> environment, string dataDir) =>
        config.Postgres is { } pg && RequestLogRules.ResolvePostgres(pg, environment) is { } connectionString
            ? new PostgresRequestLogStore(connectionString)
            : SqliteRequestLogStore.InDataDir(dataDir);

    public static RequestLogWriterOptions WriterOptions(RequestLogConfig config, string dataDir) => new()
    {
        FlushInterval = TimeSpan.FromMilliseconds(config.FlushIntervalMs),
        SpillPath = Path.Combine(dataDir, "spill", "request-log.jsonl"),
        SpillMaxBytes = config.SpillMaxBytes,
        FailClosed = config.OnFull != RequestLogRules.Serve,
        QueueCapacity = config.QueueCapacity,
    };

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Request log: {Store}; bodies {Bodies}; flush interval {FlushMs} ms.")]
    private static partial void Started(ILogger logger, string store, string bodies, int flushMs);
}
