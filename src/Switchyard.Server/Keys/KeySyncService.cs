using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Keys;

namespace Switchyard.Server.Keys;

/// <summary>
/// The replica's background round, every auth.sync_interval_seconds (at most 1 s): reload keys and
/// overrides when the store's change counter moved (revocations elsewhere land here within one
/// round), then write budget spend, renew and top up leases, and return idle ones. At shutdown every
/// lease is returned and all spend written. A store that is down is logged, never fatal.
/// </summary>
public sealed partial class KeySyncService(KeyService keys, BudgetLedger ledger, TimeProvider time, ILogger<KeySyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ledger.Settings.SyncInterval, time);
        var failing = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RoundAsync(stoppingToken);
                    if (failing) Recovered(logger);
                    failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (!failing) StoreFailed(logger, ex.Message);
                    failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task RoundAsync(CancellationToken cancellationToken)
    {
        await keys.ReloadAsync(force: false, cancellationToken);
        await ledger.SyncAllAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await ledger.ReleaseAllAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { StoreFailed(logger, ex.Message); }
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Warning, Message = "Key store unreachable ({Reason}): keys, revocations and budgets are served from this replica's last view until it is back.")]
    private static partial void StoreFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 721, Level = LogLevel.Information, Message = "Key store reachable again.")]
    private static partial void Recovered(ILogger logger);
}
