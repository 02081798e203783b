using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Keys;

namespace Switchyard.Server.Keys;

/// <summary>A key's budgets, limits and policy: the JSON document the store keeps in keys_key.settings.</summary>
public sealed record KeySettings(BudgetLimits Budgets, RateLimits Limits, KeyPolicy Policy);

/// <summary>A project's budgets: keys_project.settings.</summary>
public sealed record ProjectSettings(BudgetLimits Budgets);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeySettings))]
[JsonSerializable(typeof(ProjectSettings))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class KeySettingsJsonContext : JsonSerializerContext;

internal static class KeySettingsJson
{
    public static string Write(KeySettings settings) => JsonSerializer.Serialize(settings, KeySettingsJsonContext.Default.KeySettings);

    public static KeySettings ReadKey(string json) =>
        JsonSerializer.Deserialize(json, KeySettingsJsonContext.Default.KeySettings) ?? new KeySettings(BudgetLimits.None, RateLimits.None, KeyPolicy.Open);

    public static string Write(ProjectSettings settings) => JsonSerializer.Serialize(settings, KeySettingsJsonContext.Default.ProjectSettings);

    public static ProjectSettings ReadProject(string json) =>
        JsonSerializer.Deserialize(json, KeySettingsJsonContext.Default.ProjectSettings) ?? new ProjectSettings(BudgetLimits.None);

    public static string WriteWeights(Dictionary<string, double> weights) => JsonSerializer.Serialize(weights, KeySettingsJsonContext.Default.DictionaryStringDouble);

    public static Dictionary<string, double> ReadWeights(string json) =>
        JsonSerializer.Deserialize(json, KeySettingsJsonContext.Default.DictionaryStringDouble) ?? [];
}
