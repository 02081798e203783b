using System.Collections.Concurrent;
using Switchyard.Simulator.Options;

namespace Switchyard.Simulator.State;

/// <summary>
/// Everything one simulator instance shares between requests: the live options, clock,
/// random source, ids, statistics and rate-limit windows.
/// </summary>
public sealed class SimulatorState
{
    private readonly SimulatedModelSettings _initialDefault;
    private readonly KeyValuePair<string, SimulatedModelSettings>[] _initialModels;
    private readonly ConcurrentDictionary<string, SlidingMinuteWindow> _windows = new(StringComparer.Ordinal);

    public SimulatorState(SimulatorOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        StartedAt = Time.GetUtcNow();
        Dice = new FaultDice(options.Random ?? new Random(options.Seed));
        Ids = new IdGenerator(options.Seed);
        _initialDefault = options.Default;
        _initialModels = [.. options.Models];
    }

    public SimulatorOptions Options { get; }

    /// <summary>When the simulator started, on <see cref="SimulatorOptions.TimeProvider"/>; relative outage windows count from here.</summary>
    public DateTimeOffset StartedAt { get; }

    internal TimeProvider Time { get; }

    internal FaultDice Dice { get; }

    internal IdGenerator Ids { get; }

    internal SimulatorStats Stats { get; } = new();

    /// <summary>Cancelled when the host stops, so hanging and paced requests end at once.</summary>
    internal CancellationToken Stopping { get; set; }

    internal SlidingMinuteWindow WindowFor(string model) => _windows.GetOrAdd(model, static _ => new SlidingMinuteWindow());

    /// <summary>Request counts: model → endpoint → outcome → count.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, long>>> StatsSnapshot() => Stats.Snapshot();

    /// <summary>Forgets statistics and rate-limit usage, and restores the settings given at start.</summary>
    public void Reset()
    {
        Stats.Clear();
        foreach (var window in _windows.Values) window.Clear();
        Options.Default = _initialDefault;
        Options.Models.Clear();
        foreach (var (model, settings) in _initialModels) Options.Models[model] = settings;
    }
}
