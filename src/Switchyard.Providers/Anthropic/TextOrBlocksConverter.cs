using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic accepts content (and system, and tool_result content) as a plain string or as a list
/// of blocks. A lone text block is written as the string: the shorter form the SDKs send, and the
/// one recorded in the fixtures. A string read back becomes one text block.
/// </summary>
internal sealed class TextOrBlocksConverter : JsonConverter<List<AnthropicBlock>>
{
    public override List<AnthropicBlock>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [AnthropicBlock.OfText(reader.GetString() ?? "")];
            case JsonTokenType.StartArray:
                var blocks = new List<AnthropicBlock>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var block = JsonSerializer.Deserialize(ref reader, AnthropicJsonContext.Default.AnthropicBlock)
                        ?? throw new JsonException("A content block must be an object.");
                    blocks.Add(block);
                }
                return blocks;
            default:
                throw new JsonException("Content must be a string or an array of content blocks.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<AnthropicBlock> value, JsonSerializerOptions options)
    {
        if (value is [{ Type: "text", Text: { } text }])
        {
            writer.WriteStringValue(text);
            return;
        }
        writer.WriteStartArray();
        foreach (var block in value)
            JsonSerializer.Serialize(writer, block, AnthropicJsonContext.Default.AnthropicBlock);
        writer.WriteEndArray();
    }
}
