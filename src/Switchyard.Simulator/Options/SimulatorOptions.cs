using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.Simulator.Options;

/// <summary>
/// Settings of one simulator instance. The object is live: changes to <see cref="Default"/> or
/// <see cref="Models"/> made while the simulator runs apply to the next request.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>Settings for every model that has no entry in <see cref="Models"/>. Default: instant answers, no faults, 128k context window.</summary>
    public SimulatedModelSettings Default { get; set; } = new();

    /// <summary>Per-model settings keyed by the model name as the client sends it (case-sensitive).</summary>
    public ConcurrentDictionary<string, SimulatedModelSettings> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Model ids listed by <c>GET /v1/models</c>, in addition to the keys of <see cref="Models"/>.</summary>
    public IList<string> ListedModels { get; init; } =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o4-mini", "text-embedding-3-small", "text-embedding-3-large"];

    /// <summary>When true, a model that is neither in <see cref="Models"/> nor in <see cref="ListedModels"/> gets the provider's 404. Default false: any model name is served with <see cref="Default"/>.</summary>
    public bool KnownModelsOnly { get; set; }

    /// <summary>Clock for outage windows, rate-limit windows, delays and timestamps. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Random source for fault rates. Default: <c>new Random(Seed)</c>.</summary>
    public Random? Random { get; init; }

    /// <summary>Seed of the default random source and of generated ids. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Minimum level of the simulator's own log output. Default <see cref="LogLevel.Warning"/> (quiet).</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Settings that apply to <paramref name="model"/>.</summary>
    public SimulatedModelSettings SettingsFor(string model) =>
        Models.TryGetValue(model, out var settings) ? settings : Default;

    internal bool IsKnown(string model) => Models.ContainsKey(model) || ListedModels.Contains(model);
}
