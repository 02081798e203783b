using Switchyard.Core.Chat;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// OpenAI's response_format on the Anthropic wire:
/// - json_schema → output_config.format {"type":"json_schema","schema":...}, Anthropic's native
///   structured outputs (constrained decoding; GA on Claude 4.5 models and later; the schema must
///   keep to Anthropic's subset, e.g. additionalProperties false, as OpenAI's strict mode does).
/// - json_object → Anthropic has no schema-free JSON mode (its schemas must close every object),
///   so <see cref="JsonObjectInstruction"/> is appended to the system prompt as its own text block.
/// - text or absent → nothing.
/// </summary>
internal static class AnthropicOutputFormatMapper
{
    public const string JsonObjectInstruction =
        "Respond with a single valid JSON object and nothing else: no prose before or after it, no Markdown code fences.";

    public static void Apply(ResponseFormat? format, List<AnthropicBlock> system, AnthropicRequest wire)
    {
        switch (format?.Type)
        {
            case "json_schema" when format.JsonSchema?.Schema is { } schema:
                wire.OutputConfig = new AnthropicOutputConfig { Format = new AnthropicOutputFormat { Schema = schema } };
                break;
            case "json_schema": // a json_schema without a schema asks for JSON and nothing more
            case "json_object":
                system.Add(AnthropicBlock.OfText(JsonObjectInstruction));
                break;
        }
    }
}
