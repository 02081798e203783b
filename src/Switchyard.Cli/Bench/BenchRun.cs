using System.Text.Json.Serialization;

namespace Switchyard.Cli.Bench;

/// <summary>Everything one `switchyard bench` run measured, as the JSON report writes it.</summary>
public sealed record BenchRun
{
    public required DateTimeOffset Date { get; init; }
    public required string Machine { get; init; }
    public required string Gateway { get; init; }
    public required string Settings { get; init; }
    public required string LoadAverageAtStart { get; init; }
    /// <summary>The measured process's RSS right after start-up, before any request.</summary>
    public double? StartRssMb { get; init; }
    /// <summary>Its RSS after the warm-up requests, idle.</summary>
    public double? IdleRssMb { get; init; }
    /// <summary>Its CPU use with no request at all right after the warm-up, in percent of one core (includes the JIT still compiling hot methods in the background).</summary>
    public double? IdleCpuPercent { get; init; }
    /// <summary>Its CPU use with no request again after every phase (the JIT's background tier-up is over by then).</summary>
    public double? IdleCpuAfterLoadPercent { get; set; }
    /// <summary>Its RSS idle again after every phase.</summary>
    public double? IdleRssAfterLoadMb { get; set; }
    /// <summary>Its peak RSS (VmHWM) over the whole run.</summary>
    public double? PeakRssMb { get; set; }
    public List<PhaseResult> Phases { get; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchRun))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
