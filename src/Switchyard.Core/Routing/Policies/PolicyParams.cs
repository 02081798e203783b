using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Core.Routing.Policies;

/// <summary>
/// Reads a policy's "params" object (YAML scalars arrive as strings), adding a problem with its
/// path for each value that does not parse and for each key the policy does not know.
/// </summary>
public sealed class PolicyParams(PolicyBuildContext build, params string[] knownKeys)
{
    private readonly JsonObject? values = build.Params;

    public void RejectUnknownKeys()
    {
        if (values is null) return;
        foreach (var (key, _) in values)
            if (!knownKeys.Contains(key))
                build.Problems.Add($"{build.Path}.{key}: unknown parameter for policy (known: {string.Join(", ", knownKeys)})");
    }

    public double? Number(string key, double min, double max)
    {
        if (values?[key] is not { } node) return null;
        if (AsNumber(node) is { } n && n >= min && n <= max) return n;
        build.Problems.Add($"{build.Path}.{key}: '{node.ToJsonString()}' is not a number between {min} and {max}");
        return null;
    }

    public Dictionary<string, double> NumberMap(string key, double min, double max)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (values?[key] is not { } node) return result;
        if (node is not JsonObject map) { build.Problems.Add($"{build.Path}.{key}: must be a map of name to number"); return result; }
        foreach (var (name, value) in map)
        {
            if (value is not null && AsNumber(value) is { } n && n >= min && n <= max) result[name] = n;
            else build.Problems.Add($"{build.Path}.{key}.{name}: '{value?.ToJsonString()}' is not a number between {min} and {max}");
        }
        return result;
    }

    public JsonNode? Node(string key) => values?[key];

    public string? Text(string key) => values?[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : values?[key]?.ToString();

    public static double? AsNumber(JsonNode node)
    {
        if (node is not JsonValue value) return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<double>(),
            JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
