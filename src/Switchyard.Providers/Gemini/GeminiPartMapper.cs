using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// OpenAI content parts to Gemini parts: text → text; image_url data: URLs → inlineData, other URLs
/// → fileData; input_audio → inlineData; file with file_data → inlineData.
/// </summary>
internal static class GeminiPartMapper
{
    public static List<GeminiPart> FromContent(MessageContent? content)
    {
        if (content is null) return [];
        if (content.Parts is null) return [new GeminiPart { Text = content.Text ?? "" }];
        return content.Parts.Select(FromPart).ToList();
    }

    private static GeminiPart FromPart(ContentPart part) => part.Type switch
    {
        "text" => new GeminiPart { Text = part.Text ?? "" },
        "image_url" => FromUrl(part.ImageUrl?.Url ?? throw GeminiRequestError.Invalid("an image_url part has no url.")),
        "input_audio" => FromAudio(ExtraObject(part, "input_audio")),
        "file" => FromFile(ExtraObject(part, "file")),
        _ => throw GeminiRequestError.Unsupported($"content parts of type '{part.Type}'."),
    };

    private static GeminiPart FromUrl(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)) return new GeminiPart { InlineData = ParseDataUrl(url) };
        return new GeminiPart { FileData = new GeminiFileData { FileUri = url, MimeType = MimeTypes.FromUrl(url) } };
    }

    /// <summary>data:[mime];base64,[data] → inlineData. Gemini takes the same base64 text.</summary>
    private static GeminiBlob ParseDataUrl(string url)
    {
        var comma = url.IndexOf(',');
        var header = comma < 0 ? "" : url[5..comma];
        if (comma < 0 || !header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            throw GeminiRequestError.Invalid("a data: URL must be base64 encoded (data:<mime>;base64,<data>).");
        var mime = header[..^";base64".Length];
        return new GeminiBlob { MimeType = mime.Length == 0 ? "application/octet-stream" : mime, Data = url[(comma + 1)..] };
    }

    private static GeminiPart FromAudio(JsonElement audio)
    {
        var data = StringProperty(audio, "data") ?? throw GeminiRequestError.Invalid("an input_audio part has no data.");
        var format = StringProperty(audio, "format") ?? "wav";
        return new GeminiPart { InlineData = new GeminiBlob { MimeType = "audio/" + format, Data = data } };
    }

    private static GeminiPart FromFile(JsonElement file)
    {
        // file_id refers to OpenAI's file store, which Gemini cannot read.
        var data = StringProperty(file, "file_data") ?? throw GeminiRequestError.Unsupported("file parts without inline file_data.");
        return FromUrl(data);
    }

    private static JsonElement ExtraObject(ContentPart part, string name) =>
        part.Extra is { } extra && extra.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw GeminiRequestError.Invalid($"a '{name}' part has no '{name}' object.");

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
