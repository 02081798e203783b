using System.Text.Json.Serialization;
using Switchyard.Storage.Export;
using Switchyard.Storage.Rows;

namespace Switchyard.Storage;

/// <summary>Source-generated JSON for the spill file, the attempts column and exports.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RequestLogRow))]
[JsonSerializable(typeof(List<AttemptEntry>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<PromptMessage>))]
[JsonSerializable(typeof(RoutingDataRow))]
public sealed partial class StorageJson : JsonSerializerContext
{
    /// <summary>The same types, writing text as it is (no \u002B for '+'): prompts and exports are read by people and other tools.</summary>
    public static StorageJson Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
