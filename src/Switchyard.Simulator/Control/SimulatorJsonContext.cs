using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Simulator.Options;

namespace Switchyard.Simulator.Control;

/// <summary>Source-generated JSON for the <c>/_sim</c> control API (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(SimulatedModelSettings))]
[JsonSerializable(typeof(SimulatorStatsResponse))]
[JsonSerializable(typeof(ControlError))]
public sealed partial class SimulatorJsonContext : JsonSerializerContext;

/// <summary>Body of <c>GET /_sim/stats</c>: counts by model → endpoint → outcome.</summary>
public sealed record SimulatorStatsResponse(
    DateTimeOffset StartedAt,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, long>>> Models);

/// <summary>Error body of the control API (not a provider shape, on purpose).</summary>
public sealed record ControlError(string Error);
