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
    public string? FilePath { get; } = WatchedFile(options);

    /// <summary>Reloads so far that were applied / refused (for tests and the admin API).</summary>
    public int Applied { get; private set; }
    public int Refused { get; private set; }

    /// <summary>
    /// The file as it was when the service was made, at host start. Not read in ExecuteAsync: since .NET 10
    /// that runs on the thread pool after start-up returns, and a change made in between would look like the
    /// starting state.
    /// </summary>
    private (string? Target, DateTime Written, long Length) seen = WatchedFile(options) is { } file ? Stamp(file) : default;

    /// <summary>The config file's full path, or null when the gateway was started without one (the embedded default).</summary>
    private static string? WatchedFile(GatewayStartOptions options) =>
        File.Exists(options.ConfigSource) ? Path.GetFullPath(options.ConfigSource) : null;

    /// <summary>How often the file's time stamp and size are also checked. Default 1 s.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FilePath is null) return;
        // The watcher reports a change at once, but it can miss one or fail to start: inotify's
        // per-user instance limit (128 by default) is easily reached on a busy host, and a
        // Kubernetes ConfigMap replaces the file through a symlink swap the watcher may not see.
        // So the file's time stamp and size are also polled; either signal starts a reload.
        using var watcher = StartWatcher(FilePath);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await changed.WaitAsync(PollInterval, stoppingToken))
                {
                    if (Stamp(FilePath) == seen) continue; // the poll found no change
                }
                while (await changed.WaitAsync(Debounce, stoppingToken)) { } // wait until the writes stop
                seen = Stamp(FilePath);
                Reload();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>False: no file watcher, the poll alone (tests of the poll; a host where inotify is unwelcome).</summary>
    public static bool UseFileWatcher { get; set; } = true;

    private FileSystemWatcher? StartWatcher(string path)
    {
        if (!UseFileWatcher) return null;
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            void Signal(object? _, FileSystemEventArgs __) => changed.Release();
            watcher.Changed += Signal;
            watcher.Created += Signal;
            watcher.Renamed += (s, e) => Signal(s, e); // editors that save by renaming a temporary file
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            watcher?.Dispose();
            WatcherUnavailable(logger, path, PollInterval.TotalSeconds, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// What the poll compares: the path the file resolves to, its last write time and size (default when it
    /// cannot be read, e.g. mid-replace). A symbolic link is followed to its final target: a link's own time
    /// and size never change when what it points at does (a Kubernetes ConfigMap swaps a link to a new folder).
    /// </summary>
    private static (string? Target, DateTime Written, long Length) Stamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
            return info.Exists ? (info.FullName, info.LastWriteTimeUtc, info.Length) : default;
        }
        catch (IOException)
        {
            return default;
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

    [LoggerMessage(EventId = 732, Level = LogLevel.Warning, Message = "Cannot watch config file {File} ({Reason}); checking it for changes every {Seconds} s instead.")]
    private static partial void WatcherUnavailable(ILogger logger, string file, double seconds, string reason);

    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "Config reloaded from {File}: {Names} models and routes.")]
    private static partial void Reloaded(ILogger logger, string file, int names);

    [LoggerMessage(EventId = 731, Level = LogLevel.Error, Message = "Config file {File} changed but was refused; the running config stays. {Problems}")]
    private static partial void Rejected(ILogger logger, string file, string problems);
}
