using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>
/// Compares the shape of two JSON values: the same property names at every level and the same
/// value kinds. Array elements are compared with the expected element of the same <c>type</c>
/// (content blocks), else of the same index (the last one when the actual array is longer).
/// Paths in <c>tolerated</c> (dotted, e.g. <c>usage.prompt_tokens_details</c>) may differ.
/// </summary>
internal static class JsonShape
{
    public static void AssertSame(JsonNode expected, JsonNode actual, params string[] tolerated)
    {
        var differences = new List<string>();
        Compare(expected, actual, "", new HashSet<string>(tolerated), differences);
        Assert.True(differences.Count == 0, "Shape differs from the fixture:\n" + string.Join("\n", differences) + "\nactual: " + actual.ToJsonString());
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, HashSet<string> tolerated, List<string> differences)
    {
        if (tolerated.Contains(path)) return;
        var expectedKind = expected?.GetValueKind() ?? JsonValueKind.Null;
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (Normalize(expectedKind) != Normalize(actualKind))
        {
            differences.Add($"{path}: expected {expectedKind}, got {actualKind}");
            return;
        }
        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var (name, value) in e)
            {
                var child = Join(path, name);
                if (!a.ContainsKey(name)) { if (!tolerated.Contains(child)) differences.Add($"{child}: missing"); }
                else Compare(value, a[name], child, tolerated, differences);
            }
            foreach (var (name, _) in a)
            {
                var child = Join(path, name);
                if (!e.ContainsKey(name) && !tolerated.Contains(child)) differences.Add($"{child}: not in the fixture");
            }
        }
        else if (expected is JsonArray ea && actual is JsonArray aa && ea.Count > 0)
        {
            for (var i = 0; i < aa.Count; i++)
            {
                Compare(Counterpart(ea, aa[i], i), aa[i], path + "[]", tolerated, differences);
            }
        }
    }

    private static JsonNode? Counterpart(JsonArray expected, JsonNode? actual, int index)
    {
        if (actual is JsonObject o && o["type"]?.GetValueKind() == JsonValueKind.String)
        {
            var type = o["type"]!.GetValue<string>();
            var match = expected.FirstOrDefault(x => x is JsonObject eo && eo["type"]?.GetValueKind() == JsonValueKind.String && eo["type"]!.GetValue<string>() == type);
            if (match is not null) return match;
        }
        return expected[Math.Min(index, expected.Count - 1)];
    }

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
