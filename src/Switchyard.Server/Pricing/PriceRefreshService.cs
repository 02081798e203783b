using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Pricing;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Pricing;

/// <summary>
/// Loads the last good price table at start, then refreshes from pricing.refresh_from on its
/// interval (default hourly). A refresh that fails or looks wrong keeps the prices in force and
/// logs a warning that says why; the gateway keeps serving either way.
/// </summary>
public sealed partial class PriceRefreshService(PriceRefresher refresher, SnapshotHolder snapshots, TimeProvider time, ILogger<PriceRefreshService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stored = refresher.LoadLastGood();
        if (stored > 0) LoadedLastGood(logger, stored);
        var pricing = snapshots.Current.Pricing;
        if (pricing.RefreshFrom is not { } from) return;

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(pricing.RefreshIntervalMinutes), time);
        do
        {
            try
            {
                Report(await refresher.RefreshAsync(from, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Report(RefreshResult result)
    {
        if (result.Applied) Refreshed(logger, result.Source, result.Mapped, result.Changes.Count);
        else RefreshRefused(logger, result.Source, string.Join("; ", result.Problems));
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Loaded {Count} prices from the last good price table")]
    private static partial void LoadedLastGood(ILogger logger, int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Prices refreshed from {Source}: {Mapped} catalog models, {Changed} changed")]
    private static partial void Refreshed(ILogger logger, string source, int mapped, int changed);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Price refresh from {Source} refused, the prices in force stay: {Reasons}")]
    private static partial void RefreshRefused(ILogger logger, string source, string reasons);
}
