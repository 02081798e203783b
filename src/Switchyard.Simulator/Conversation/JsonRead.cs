using System.Text.Json;

namespace Switchyard.Simulator.Conversation;

/// <summary>Lenient accessors for request JSON: a field of the wrong kind reads as absent.</summary>
internal static class JsonRead
{
    public static JsonElement Get(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : default;

    public static string? String(this JsonElement obj, string name) =>
        obj.Get(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool Bool(this JsonElement obj, string name) => obj.Get(name).ValueKind == JsonValueKind.True;

    public static int? Int(this JsonElement obj, string name) =>
        obj.Get(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var n) ? n : null;

    public static IEnumerable<JsonElement> Items(this JsonElement obj, string name) =>
        obj.Get(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A string or an array of strings (OpenAI <c>stop</c>).</summary>
    public static IReadOnlyList<string> Strings(this JsonElement obj, string name)
    {
        var value = obj.Get(name);
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array) return [];
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
        }
        return list;
    }
}
