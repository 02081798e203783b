using System.Collections;
using System.Text.Json.Nodes;

namespace Switchyard.Core.Config;

/// <summary>
/// Turns the loosely typed values YamlDotNet gives for free-form sections (policy params, rules)
/// into JSON nodes, the one tree shape the policies read. YAML scalars stay strings; readers
/// parse numbers where they expect them.
/// </summary>
public static class YamlValues
{
    public static JsonObject? ToJsonObject(Dictionary<string, object>? map)
    {
        if (map is null) return null;
        var result = new JsonObject();
        foreach (var (key, value) in map) result[key] = ToJsonNode(value);
        return result;
    }

    public static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        IDictionary dictionary => ToObject(dictionary),
        IEnumerable list => ToArray(list),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject ToObject(IDictionary dictionary)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in dictionary) result[entry.Key.ToString()!] = ToJsonNode(entry.Value);
        return result;
    }

    private static JsonArray ToArray(IEnumerable list)
    {
        var result = new JsonArray();
        foreach (var item in list) result.Add(ToJsonNode(item));
        return result;
    }
}
