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
public sealed partial class StorageJson : JsonSerializerContext;
