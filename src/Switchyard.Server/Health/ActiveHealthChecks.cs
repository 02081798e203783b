using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Config;
using Switchyard.Core.Health;
using Switchyard.Core.Health.Probes;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Health;

/// <summary>
/// Probes every deployment once per <c>health_checks.interval_seconds</c> (the first round one
/// interval after start-up, so a restart does not burst every provider) and reports each result to
/// <see cref="IHealthRegistry.RecordProbe"/>, which marks the deployment down or brings it back.
/// Probes go straight to the provider, never through the request path, so no budget, spend or
/// request statistics ever count them. The timer runs on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ActiveHealthChecks(
    SnapshotHolder snapshots,
    DeploymentProber prober,
    ProbeLog log,
    IHealthRegistry registry,
    TimeProvider time,
    ILogger<ActiveHealthChecks> logger) : BackgroundService
{
    private PeriodicTimer? timer;

    /// <summary>
    /// The timer starts here, synchronously with the host's start, rather than in ExecuteAsync
    /// (which .NET 10 runs on the thread pool): the first round is then due exactly one interval
    /// after start-up, also on a test's fake clock.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        timer = new PeriodicTimer(Interval(snapshots.Current.HealthChecks), time);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = this.timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RunRoundAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRoundFailed(logger, ex); // a bug in one round must not end the checks
                }
                timer.Period = Interval(snapshots.Current.HealthChecks); // a reloaded config applies from the next round
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Probes every deployment of the current config now (bounded by max_concurrency) and reports the results.</summary>
    public async Task<IReadOnlyList<ProbeResult>> RunRoundAsync(CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Current;
        var settings = snapshot.HealthChecks;
        if (!settings.Enabled) return [];
        var mode = ProbeModes.Parse(settings.Probe) ?? ProbeMode.Auto;
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        var results = new ConcurrentBag<ProbeResult>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Deployments(snapshot), options, async (deployment, ct) =>
        {
            var result = await prober.ProbeAsync(deployment, mode, timeout, ct).ConfigureAwait(false);
            Report(result);
            results.Add(result);
        }).ConfigureAwait(false);
        return [.. results];
    }

    private void Report(ProbeResult result)
    {
        var previous = log.Latest(result.DeploymentId);
        log.Record(result);
        registry.RecordProbe(result.DeploymentId, result.Ok, result.Error);
        if (result.Ok && previous is { Ok: false }) LogRecovered(logger, result.DeploymentId);
        else if (!result.Ok && previous is not { Ok: false }) LogFailed(logger, result.DeploymentId, result.Error);
    }

    /// <summary>Every deployment once, whichever models and routes share it.</summary>
    public static IEnumerable<Deployment> Deployments(GatewaySnapshot snapshot) =>
        snapshot.Routes.Values.SelectMany(r => r.Deployments).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal);

    private static TimeSpan Interval(HealthChecksConfig settings) => TimeSpan.FromSeconds(settings.IntervalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe failed for {Deployment}: {Error}")]
    private static partial void LogFailed(ILogger logger, string deployment, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A health probe round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health probe passed again for {Deployment}")]
    private static partial void LogRecovered(ILogger logger, string deployment);
}
