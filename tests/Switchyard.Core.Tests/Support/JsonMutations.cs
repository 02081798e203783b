using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

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

    public delegate bool HandReader<T>(ReadOnlySpan<byte> json, out T? value);

    /// <summary>
    /// Mutates the bases in turn, <paramref name="count"/> times, and holds a hand-written reader to the serializer:
    /// wherever the hand reader answers, the serializer must succeed and <paramref name="assertSame"/> pass; where the
    /// serializer refuses a body, the hand reader must have stepped aside. Returns how often each happened.
    /// </summary>
    public static (int Handled, int Declined) CheckAgainstSerializer<T>(string[] bases, int seed, int count,
        HandReader<T> byHand, JsonTypeInfo<T> serializer, Action<byte[], T> assertSame) where T : class
    {
        var random = new Random(seed);
        int handled = 0, declined = 0;
        for (var i = 0; i < count; i++)
        {
            var root = JsonNode.Parse(bases[i % bases.Length])!;
            MutateOnce(root, random);
            var json = Encoding.UTF8.GetBytes(root.ToJsonString());

            T? expected;
            try { expected = JsonSerializer.Deserialize(json, serializer); }
            catch (JsonException) { expected = null; }

            if (byHand(json, out var read))
            {
                handled++;
                if (expected is null) Assert.Fail("read by hand, but the serializer refuses: " + root.ToJsonString());
                assertSame(json, read!);
            }
            else
                declined++;
        }
        return (handled, declined);
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
