using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Sampling, limits and output format. For json_schema we send responseJsonSchema, not
/// responseSchema: responseSchema takes Google's OpenAPI-3.0 subset (upper-case types, no
/// additionalProperties, $ref or const) and rejects ordinary JSON Schema, while responseJsonSchema
/// accepts JSON Schema as clients write it for OpenAI (documented in GenerationConfig; the two are
/// mutually exclusive and both need responseMimeType application/json).
/// </summary>
internal static class GeminiGenerationConfigMapper
{
    public static GeminiGenerationConfig? Map(ChatRequest request)
    {
        var config = new GeminiGenerationConfig
        {
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxOutputTokens = request.RequestedMaxOutputTokens,
            StopSequences = request.Stop is { Values.Count: > 0 } stop ? [.. stop.Values] : null,
            Seed = request.Seed is { } seed ? FoldSeed(seed) : null,
            CandidateCount = request.N,
            PresencePenalty = ExtraNumber(request, "presence_penalty"),
            FrequencyPenalty = ExtraNumber(request, "frequency_penalty"),
        };
        switch (request.ResponseFormat?.Type)
        {
            case "json_object":
                config.ResponseMimeType = "application/json";
                break;
            case "json_schema":
                config.ResponseMimeType = "application/json";
                config.ResponseJsonSchema = request.ResponseFormat.JsonSchema?.Schema
                    ?? throw GeminiRequestError.Invalid("response_format json_schema has no schema.");
                break;
        }
        return config.IsEmpty ? null : config;
    }

    /// <summary>Gemini's seed is 32-bit, OpenAI's 64-bit: fold, so distinct seeds stay (mostly) distinct and the same seed stays the same.</summary>
    private static int FoldSeed(long seed) => seed is >= int.MinValue and <= int.MaxValue ? (int)seed : (int)(seed ^ (seed >> 32));

    /// <summary>Penalties are not typed on the canonical request; Gemini has the same two knobs.</summary>
    private static double? ExtraNumber(ChatRequest request, string name) =>
        request.Extra is { } extra && extra.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
