using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Config;
using Switchyard.Core.Runtime;
using Switchyard.Server.Hosting;
using Switchyard.Server.Keys;

namespace Switchyard.Server.Config;

/// <summary>
/// Reloads the config file when it changes (FileSystemWatcher, then a debounce so an editor's
/// several writes make one reload). A file that does not parse or validate is refused and logged
/// with every problem; the running snapshot stays. A good one is swapped in atomically: requests in
/// flight keep the snapshot they started with. Runtime overrides (route weights and policies,
/// disabled models, keys, budgets) live in the store, not the file, so a reload keeps them. Settings read only
/// at start (listen URLs, storage, the simulator, request log) need a restart.
/// </summary>
public sealed partial class ConfigReloadService(GatewayStartOptions options, SnapshotHolder snapshots, KeyService keys,
    RuntimeRoutePolicies routePolicies, ILogger<ConfigReloadService> logger) : BackgroundService
{
    /// <summary>Quiet time after the last change before reloading. Default 300 ms.</summary>
    public static TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(300);

    private readonly SemaphoreSlim changed = new(0);

    /// <summary>The file watched, or null when the gateway was started without one.</summary>
    public string? FilePath { get; } = File.Exists(options.ConfigSource) ? Path.GetFullPath(options.ConfigSource) : null;

    /// <summary>Reloads so far that were applied / refused (for tests and the admin API).</summary>
    public int Applied { get; private set; }
    public int Refused { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FilePath is null) return;
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(FilePath)!, Path.GetFileName(FilePath))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        void Signal(object? _, FileSystemEventArgs __) => changed.Release();
        watcher.Changed += Signal;
        watcher.Created += Signal;
        watcher.Renamed += (s, e) => Signal(s, e); // editors that save by renaming a temporary file
        watcher.EnableRaisingEvents = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await changed.WaitAsync(stoppingToken);
                while (await changed.WaitAsync(Debounce, stoppingToken)) { } // wait until the writes stop
                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads, validates and swaps in the file; false (and the running config kept) when it is refused.</summary>
    public bool Reload()
    {
        if (FilePath is null) return false;
        try
        {
            var current = snapshots.Current;
            var config = ConfigLoader.LoadFile(FilePath);
            var next = new ConfigValidator(options.Environment, SimulatorAddress(current), current.Catalog).Validate(config, FilePath);
            routePolicies.ConfigChanged(next); // swaps it in, with the runtime policy changes applied over it
            keys.RequireKeys = config.Auth.RequireKeys;
            Applied++;
            Reloaded(logger, FilePath, next.Routes.Count);
            return true;
        }
        catch (ConfigException ex)
        {
            Refused++;
            Rejected(logger, FilePath, ex.Message);
            return false;
        }
        catch (IOException ex)
        {
            Refused++;
            Rejected(logger, FilePath, ex.Message);
            return false;
        }
    }

    /// <summary>The running simulator's address (from a simulated deployment of the running config), if one runs.</summary>
    private static Uri? SimulatorAddress(GatewaySnapshot snapshot) =>
        snapshot.Routes.Values.SelectMany(r => r.Deployments).FirstOrDefault(d => d.Simulated) is { } d
            ? new Uri(d.Provider.BaseUrl.GetLeftPart(UriPartial.Authority))
            : null;

    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "Config reloaded from {File}: {Names} models and routes.")]
    private static partial void Reloaded(ILogger logger, string file, int names);

    [LoggerMessage(EventId = 731, Level = LogLevel.Error, Message = "Config file {File} changed but was refused; the running config stays. {Problems}")]
    private static partial void Rejected(ILogger logger, string file, string problems);
}
