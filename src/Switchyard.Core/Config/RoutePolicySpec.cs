using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Core.Config;

/// <summary>
/// A route's policy as the config file gives it: the policy's name, its params and an optional A/B
/// split. Kept on the route so the admin API can show it and change it at runtime; a runtime change
/// is built by the same <see cref="RouteFactory"/> as the file, so it is validated the same way.
/// </summary>
public sealed record RoutePolicySpec(string Policy, JsonObject? Params, RouteSplitSpec? Split)
{
    public static RoutePolicySpec From(RouteConfig route) =>
        new(route.Policy, YamlValues.ToJsonObject(route.Params),
            route.Split is { } s ? new RouteSplitSpec(s.Percent, s.Policy, YamlValues.ToJsonObject(s.Params), s.By) : null);

    /// <summary>The stored form: {"policy", "params", "split": {"percent", "policy", "params", "by"}}.</summary>
    public string ToJson()
    {
        var root = new JsonObject { ["policy"] = Policy, ["params"] = Params?.DeepClone() };
        if (Split is { } s)
            root["split"] = new JsonObject { ["percent"] = s.Percent, ["policy"] = s.Policy, ["params"] = s.Params?.DeepClone(), ["by"] = s.By };
        return root.ToJsonString();
    }

    /// <summary>Reads the stored form back; null when it is not one.</summary>
    public static RoutePolicySpec? FromJson(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject root || root["policy"] is not JsonValue policy) return null;
            RouteSplitSpec? split = null;
            if (root["split"] is JsonObject s)
                split = new RouteSplitSpec(s["percent"]?.GetValue<double>() ?? 0, s["policy"]?.GetValue<string>(),
                    s["params"] as JsonObject, s["by"]?.GetValue<string>() ?? "session");
            return new RoutePolicySpec(policy.GetValue<string>(), root["params"] as JsonObject, split);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON value as YAML would have given it: every scalar a string (numbers as written, true and
    /// false), so the policies read an admin API change exactly as they read the file.
    /// </summary>
    public static JsonNode? AsYamlScalars(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, AsYamlScalars(p.Value)))),
        JsonArray a => new JsonArray(a.Select(AsYamlScalars).ToArray()),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => JsonValue.Create(v.GetValue<string>()),
            JsonValueKind.Number => JsonValue.Create(v.ToJsonString()),
            JsonValueKind.True => JsonValue.Create("true"),
            JsonValueKind.False => JsonValue.Create("false"),
            _ => JsonValue.Create(v.ToJsonString()),
        },
        _ => null,
    };
}

/// <summary>An A/B split as the config file gives it (routes.NAME.split).</summary>
public sealed record RouteSplitSpec(double Percent, string? Policy, JsonObject? Params, string By);
