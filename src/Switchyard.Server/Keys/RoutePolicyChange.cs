using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Config;

namespace Switchyard.Server.Keys;

/// <summary>
/// The body of PATCH /admin/v1/routes/{route}/policy applied to the policy in force:
/// "policy" replaces the name (params then start empty unless the body gives them: another
/// policy's params would not fit); "params" is merged key by key (null removes one); "split" is
/// merged field by field into the split in force, or null removes the split. Values take the
/// config file's shape (scalars as YAML gives them), so they are validated exactly as the file is.
/// Shape mistakes are a 400 naming the field; the values themselves are judged by the route factory.
/// </summary>
public static class RoutePolicyChange
{
    private static readonly HashSet<string> Fields = ["policy", "params", "split"];
    private static readonly HashSet<string> SplitFields = ["percent", "policy", "params", "by"];

    public static RoutePolicySpec Apply(RoutePolicySpec current, JsonElement body)
    {
        KeyFields.RejectUnknown(body, Fields);
        var policy = current.Policy;
        var parameters = current.Params;
        if (body.TryGetProperty("policy", out var name))
        {
            policy = Text(name, "policy");
            if (!string.Equals(policy, current.Policy, StringComparison.OrdinalIgnoreCase)) parameters = null;
        }
        if (body.TryGetProperty("params", out var p)) parameters = Merge(parameters, p, "params");

        var split = current.Split;
        if (body.TryGetProperty("split", out var s))
        {
            if (s.ValueKind == JsonValueKind.Null) split = null;
            else
            {
                if (s.ValueKind != JsonValueKind.Object) throw KeyFields.Invalid("'split' must be an object or null.", "split");
                KeyFields.RejectUnknown(s, SplitFields);
                split ??= new RouteSplitSpec(0, null, null, "session");
                if (s.TryGetProperty("percent", out var percent))
                {
                    if (percent.ValueKind != JsonValueKind.Number) throw KeyFields.Invalid("'split.percent' must be a number (0-100).", "split.percent");
                    split = split with { Percent = percent.GetDouble() };
                }
                if (s.TryGetProperty("policy", out var armB))
                {
                    var armPolicy = Text(armB, "split.policy");
                    split = split with
                    {
                        Policy = armPolicy,
                        Params = string.Equals(armPolicy, split.Policy, StringComparison.OrdinalIgnoreCase) ? split.Params : null,
                    };
                }
                if (s.TryGetProperty("params", out var armParams)) split = split with { Params = Merge(split.Params, armParams, "split.params") };
                if (s.TryGetProperty("by", out var by)) split = split with { By = Text(by, "split.by") };
            }
        }
        return new RoutePolicySpec(policy, parameters, split);
    }

    private static JsonObject? Merge(JsonObject? current, JsonElement change, string field)
    {
        if (change.ValueKind == JsonValueKind.Null) return null;
        if (change.ValueKind != JsonValueKind.Object) throw KeyFields.Invalid($"'{field}' must be an object of parameter to value (or null).", field);
        var merged = current?.DeepClone().AsObject() ?? [];
        foreach (var property in change.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null) merged.Remove(property.Name);
            else merged[property.Name] = RoutePolicySpec.AsYamlScalars(JsonNode.Parse(property.Value.GetRawText()));
        }
        return merged.Count == 0 ? null : merged;
    }

    private static string Text(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw KeyFields.Invalid($"'{field}' must be a non-empty string.", field);
}
