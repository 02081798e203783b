using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Chat;

/// <summary>
/// Reads a string; any other JSON value is skipped and read as null. For opaque fields a provider
/// documents as strings but whose content means nothing to the gateway (OpenAI's per-chunk
/// "obfuscation" padding): a compatible server that sends another type there must not turn a
/// good stream into a malformed-response error.
/// </summary>
public sealed class OpaqueStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
