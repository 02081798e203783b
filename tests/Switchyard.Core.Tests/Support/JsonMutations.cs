using System.Text.Json.Nodes;

namespace Switchyard.Core.Tests.Support;

/// <summary>Deterministic one-step changes to a JSON document: a value replaced, removed or added somewhere in it.</summary>
public static class JsonMutations
{
    private static readonly string[] Replacements =
        ["null", "0", "-7", "1.5", "1e3", "\"s\"", "\"\"", "true", "[]", "{}", "[1,\"x\"]", "[\"a\",\"b\"]", "{\"a\":{\"b\":[]}}", "2147483648"];

    /// <summary>Changes one object or array of <paramref name="root"/>, picked with <paramref name="random"/>.</summary>
    public static void MutateOnce(JsonNode root, Random random)
    {
        var containers = Containers(root).ToList();
        Mutate(containers[random.Next(containers.Count)], random);
    }

    private static IEnumerable<JsonNode> Containers(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
            if (child is JsonObject or JsonArray)
                foreach (var inner in Containers(child)) yield return inner;
    }

    private static void Mutate(JsonNode target, Random random)
    {
        var value = JsonNode.Parse(Replacements[random.Next(Replacements.Length)]);
        switch (target)
        {
            case JsonObject o when o.Count > 0 && random.Next(3) == 0:
                o.Remove(o.ElementAt(random.Next(o.Count)).Key);
                break;
            case JsonObject o when o.Count > 0 && random.Next(2) == 0:
                o[o.ElementAt(random.Next(o.Count)).Key] = value;
                break;
            case JsonObject o:
                o["added_" + random.Next(3)] = value;
                break;
            case JsonArray a when a.Count > 0:
                a[random.Next(a.Count)] = value;
                break;
            case JsonArray a:
                a.Add(value);
                break;
        }
    }
}
