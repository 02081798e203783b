using System.Text.Json.Serialization;

namespace Switchyard.Storage.Export;

/// <summary>
/// One line of the routing-data format (../shared/data/README.md): a prompt and, per model, its
/// score and cost. An exported request has one model: the one that answered; the score is the
/// user's feedback. Label and comment are extra fields a reader of the format may ignore.
/// </summary>
public sealed record RoutingDataRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("task")] string? Task,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("results")] Dictionary<string, RoutingDataResult> Results,
    [property: JsonPropertyName("cost_basis")] string CostBasis)
{
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
}

public sealed record RoutingDataResult(
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("cost_usd")] double CostUsd);
