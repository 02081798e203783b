using System.Text.Json;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Counts the tokens of a JSON value (tool schemas, tool arguments, tool results) without
/// depending on how the client formatted it: property names and strings count by
/// <see cref="TokenCounter"/>, every number, boolean and null counts one, punctuation nothing.
/// </summary>
internal static class JsonTokenCounter
{
    public static int Count(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => CountObject(element),
        JsonValueKind.Array => CountArray(element),
        JsonValueKind.String => TokenCounter.Count(element.GetString()),
        JsonValueKind.Undefined => 0,
        _ => 1,
    };

    /// <summary>Counts JSON text (OpenAI sends tool arguments as a string); text that is not JSON counts as prose.</summary>
    public static int Count(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Count(document.RootElement);
        }
        catch (JsonException)
        {
            return TokenCounter.Count(json);
        }
    }

    private static int CountObject(JsonElement element)
    {
        var total = 0;
        foreach (var property in element.EnumerateObject())
        {
            total += TokenCounter.Count(property.Name) + Count(property.Value);
        }
        return total;
    }

    private static int CountArray(JsonElement element)
    {
        var total = 0;
        foreach (var item in element.EnumerateArray())
        {
            total += Count(item);
        }
        return total;
    }
}
