namespace Switchyard.Cli.Bench;

/// <summary>What `switchyard bench` was asked to do (see BenchCommand for each option's meaning).</summary>
public sealed record BenchSettings
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public IReadOnlyList<double> Rates { get; init; } = [320, 1000];
    public int Connections { get; init; } = 32;
    public bool NonStreaming { get; init; } = true;
    public bool Streaming { get; init; } = true;
    public bool Saturation { get; init; } = true;
    /// <summary>Also send every phase to the upstream directly, for the added latency.</summary>
    public bool Direct { get; init; } = true;
    public int SimulatorLatencyMs { get; init; }
    public int WarmupRequests { get; init; } = 2000;

    /// <summary>Another gateway to measure instead of starting Switchyard's own processes.</summary>
    public Uri? Target { get; init; }
    /// <summary>With <see cref="Target"/>: the upstream that gateway forwards to, measured directly for the added latency.</summary>
    public Uri? Upstream { get; init; }
    public string? Model { get; init; }
    public string? ApiKey { get; init; }
    /// <summary>With <see cref="Upstream"/>: its bearer key (default <see cref="ApiKey"/>).</summary>
    public string? UpstreamApiKey { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public int? Pid { get; init; }

    /// <summary>The kinds of request measured: false for non-streaming, true for streaming.</summary>
    public IReadOnlyList<bool> StreamModes() => [.. new[] { false, true }.Where(stream => stream ? Streaming : NonStreaming)];

    public IEnumerable<PhaseSpec> Phases()
    {
        foreach (var stream in StreamModes())
        {
            foreach (var rate in Rates) yield return new PhaseSpec(stream, rate, Connections, Duration);
            if (Saturation) yield return new PhaseSpec(stream, null, Connections, Duration);
        }
    }
}
