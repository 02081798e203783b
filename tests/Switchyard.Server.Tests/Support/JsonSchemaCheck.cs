using System.Text.Json;

namespace Switchyard.Server.Tests.Support;

/// <summary>
/// A JSON Schema validator for the subset structured outputs use: type, properties, required,
/// additionalProperties false, enum, const, items, minimum / maximum, and the email format.
/// (No JSON Schema package restores here.) Returns one line per violation, with its JSON path.
/// </summary>
public static class JsonSchemaCheck
{
    public static List<string> Validate(JsonElement schema, JsonElement value)
    {
        var problems = new List<string>();
        Check(schema, value, "$", problems);
        return problems;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            problems.Add($"{path}: expected {type.GetString()}, got {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, value)))
            problems.Add($"{path}: {value} is not one of {options}");
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            problems.Add($"{path}: expected the constant {constant}");
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) problems.Add($"{path}: below the minimum {min}");
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble()) problems.Add($"{path}: above the maximum {max}");
        }
        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("format", out var format) && format.GetString() == "email"
            && !System.Text.RegularExpressions.Regex.IsMatch(value.GetString()!, @"^[^@\s]+@[^@\s]+\.[^@\s]+$"))
            problems.Add($"{path}: not an email address");
        if (value.ValueKind == JsonValueKind.Object) CheckObject(schema, value, path, problems);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Check(items, item, $"{path}[{i++}]", problems);
        }
    }

    private static void CheckObject(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) problems.Add($"{path}.{name}: required but missing");
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                Check(sub, property.Value, $"{path}.{property.Name}", problems);
            else if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False)
                problems.Add($"{path}.{property.Name}: not allowed (additionalProperties is false)");
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
