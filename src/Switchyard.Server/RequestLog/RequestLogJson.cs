using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;

namespace Switchyard.Server.RequestLog;

/// <summary>POST /v1/feedback's body. Score is kept as raw JSON so a wrong type gets a precise 400.</summary>
public sealed class FeedbackRequest
{
    [JsonPropertyName("request_id")] public string? RequestId { get; set; }
    [JsonPropertyName("score")] public JsonElement? Score { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("comment")] public string? Comment { get; set; }
}

public sealed record FeedbackResponse(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("comment")] string? Comment);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackResponse))]
[JsonSerializable(typeof(SpendReport))]
[JsonSerializable(typeof(RequestLogRow))]
public sealed partial class RequestLogJsonContext : JsonSerializerContext;
