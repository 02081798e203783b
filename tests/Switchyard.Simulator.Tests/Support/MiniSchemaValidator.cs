using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>
/// A small JSON Schema validator for the subset the simulator claims to honour (written
/// independently of the sampler, so a sampler bug is not mirrored): type (any case), properties,
/// required, additionalProperties:false, enum, const, items, min/maxItems, anyOf, oneOf, allOf,
/// $ref into the document, formats date/date-time/email/uuid, min/maxLength, number bounds.
/// </summary>
internal static partial class MiniSchemaValidator
{
    public static List<string> Validate(JsonNode schema, JsonNode? value)
    {
        var errors = new List<string>();
        Check(schema, schema, value, "$", errors);
        return errors;
    }

    private static void Check(JsonNode root, JsonNode? schema, JsonNode? value, string path, List<string> errors)
    {
        if (schema is not JsonObject s) return;
        if (s["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference == "#" ? root : reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)root, (node, key) => node?[key]);
            if (target is null) errors.Add($"{path}: unresolved {reference}");
            else Check(root, target, value, path, errors);
            return;
        }
        if (s["const"] is { } constant && !JsonNode.DeepEquals(constant, value)) errors.Add($"{path}: not the const");
        if (s["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, value))) errors.Add($"{path}: not in enum");
        if (s["anyOf"] is JsonArray any && !any.Any(b => Validate(root, b, value, path))) errors.Add($"{path}: matches no anyOf branch");
        if (s["oneOf"] is JsonArray one && one.Count(b => Validate(root, b, value, path)) != 1) errors.Add($"{path}: does not match exactly one oneOf branch");
        if (s["allOf"] is JsonArray all) foreach (var b in all) Check(root, b, value, path, errors);

        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>().ToLowerInvariant()).ToList() : [type.GetValue<string>().ToLowerInvariant()];
            if (!allowed.Any(t => Matches(t, value, kind))) errors.Add($"{path}: {kind} is not {string.Join("|", allowed)}");
        }
        switch (value)
        {
            case JsonObject obj:
                var properties = s["properties"] as JsonObject;
                foreach (var name in (s["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()))
                {
                    if (!obj.ContainsKey(name)) errors.Add($"{path}.{name}: required but missing");
                }
                foreach (var (name, child) in obj)
                {
                    if (properties?[name] is { } childSchema) Check(root, childSchema, child, $"{path}.{name}", errors);
                    else if (s["additionalProperties"]?.GetValueKind() == JsonValueKind.False) errors.Add($"{path}.{name}: not allowed");
                }
                break;
            case JsonArray array:
                if (s["minItems"] is { } min && array.Count < min.GetValue<int>()) errors.Add($"{path}: fewer than minItems");
                if (s["maxItems"] is { } max && array.Count > max.GetValue<int>()) errors.Add($"{path}: more than maxItems");
                for (var i = 0; i < array.Count; i++) Check(root, s["items"], array[i], $"{path}[{i}]", errors);
                break;
            case JsonValue when kind == JsonValueKind.String:
                CheckString(s, value.GetValue<string>(), path, errors);
                break;
            case JsonValue when kind == JsonValueKind.Number:
                CheckNumber(s, value.GetValue<double>(), path, errors);
                break;
        }
    }

    private static bool Validate(JsonNode root, JsonNode? schema, JsonNode? value, string path)
    {
        var errors = new List<string>();
        Check(root, schema, value, path, errors);
        return errors.Count == 0;
    }

    private static bool Matches(string type, JsonNode? value, JsonValueKind kind) => type switch
    {
        "object" => kind == JsonValueKind.Object,
        "array" => kind == JsonValueKind.Array,
        "string" => kind == JsonValueKind.String,
        "number" => kind == JsonValueKind.Number,
        "integer" => kind == JsonValueKind.Number && value!.GetValue<double>() % 1 == 0,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "null" => kind == JsonValueKind.Null,
        _ => false,
    };

    private static void CheckString(JsonObject s, string text, string path, List<string> errors)
    {
        if (s["minLength"] is { } min && text.Length < min.GetValue<int>()) errors.Add($"{path}: shorter than minLength");
        if (s["maxLength"] is { } max && text.Length > max.GetValue<int>()) errors.Add($"{path}: longer than maxLength");
        var ok = s["format"]?.GetValue<string>() switch
        {
            "date" => DateRegex().IsMatch(text),
            "date-time" => DateTimeOffset.TryParse(text, out _) && text.Contains('T'),
            "email" => EmailRegex().IsMatch(text),
            "uuid" => Guid.TryParseExact(text, "D", out _),
            _ => true,
        };
        if (!ok) errors.Add($"{path}: '{text}' does not have format {s["format"]}");
    }

    private static void CheckNumber(JsonObject s, double number, string path, List<string> errors)
    {
        if (s["minimum"] is { } min && number < min.GetValue<double>()) errors.Add($"{path}: below minimum");
        if (s["maximum"] is { } max && number > max.GetValue<double>()) errors.Add($"{path}: above maximum");
        if (s["exclusiveMinimum"] is { } emin && emin.GetValueKind() == JsonValueKind.Number && number <= emin.GetValue<double>()) errors.Add($"{path}: not above exclusiveMinimum");
        if (s["exclusiveMaximum"] is { } emax && emax.GetValueKind() == JsonValueKind.Number && number >= emax.GetValue<double>()) errors.Add($"{path}: not below exclusiveMaximum");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailRegex();
}
