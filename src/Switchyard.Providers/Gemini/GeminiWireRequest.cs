using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Providers.Gemini;

// The generateContent request body (generativelanguage v1beta), only the fields we map.
// Property names are written camelCase by GeminiJsonContext.

internal sealed class GeminiRequest
{
    public List<GeminiContent> Contents { get; set; } = [];
    public GeminiContent? SystemInstruction { get; set; }
    public GeminiGenerationConfig? GenerationConfig { get; set; }
    public List<GeminiTool>? Tools { get; set; }
    public GeminiToolConfig? ToolConfig { get; set; }
}

/// <summary>One turn: role "user" or "model", and its parts. Also used for systemInstruction.</summary>
internal sealed class GeminiContent
{
    public string? Role { get; set; }
    public List<GeminiPart> Parts { get; set; } = [];
}

/// <summary>A part holds exactly one of text, inlineData, fileData, functionCall, functionResponse.</summary>
internal sealed class GeminiPart
{
    public string? Text { get; set; }
    /// <summary>True on reasoning summaries (only sent when thinkingConfig.includeThoughts is on).</summary>
    public bool? Thought { get; set; }
    /// <summary>Opaque; Gemini 3 rejects a function-call turn whose signature was not sent back.</summary>
    public string? ThoughtSignature { get; set; }
    public GeminiBlob? InlineData { get; set; }
    public GeminiFileData? FileData { get; set; }
    public GeminiFunctionCall? FunctionCall { get; set; }
    public GeminiFunctionResponse? FunctionResponse { get; set; }
}

internal sealed class GeminiBlob
{
    public string MimeType { get; set; } = "";
    /// <summary>Base64, as in the data: URL.</summary>
    public string Data { get; set; } = "";
}

internal sealed class GeminiFileData
{
    public string? MimeType { get; set; }
    public string FileUri { get; set; } = "";
}

internal sealed class GeminiFunctionCall
{
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>A JSON object (not a string, unlike OpenAI's arguments).</summary>
    public JsonElement? Args { get; set; }
}

internal sealed class GeminiFunctionResponse
{
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Must be a JSON object.</summary>
    public JsonElement Response { get; set; }
}

internal sealed class GeminiGenerationConfig
{
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? MaxOutputTokens { get; set; }
    public List<string>? StopSequences { get; set; }
    public int? Seed { get; set; }
    public int? CandidateCount { get; set; }
    public double? PresencePenalty { get; set; }
    public double? FrequencyPenalty { get; set; }
    public string? ResponseMimeType { get; set; }
    /// <summary>Plain JSON Schema (see GeminiGenerationConfigMapper for why not responseSchema).</summary>
    public JsonElement? ResponseJsonSchema { get; set; }

    [JsonIgnore]
    public bool IsEmpty => Temperature is null && TopP is null && MaxOutputTokens is null && StopSequences is null
        && Seed is null && CandidateCount is null && PresencePenalty is null && FrequencyPenalty is null
        && ResponseMimeType is null && ResponseJsonSchema is null;
}

internal sealed class GeminiTool
{
    public List<GeminiFunctionDeclaration> FunctionDeclarations { get; set; } = [];
}

internal sealed class GeminiFunctionDeclaration
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Plain JSON Schema (see GeminiToolMapper for why not parameters).</summary>
    public JsonElement? ParametersJsonSchema { get; set; }
}

internal sealed class GeminiToolConfig
{
    public GeminiFunctionCallingConfig FunctionCallingConfig { get; set; } = new();
}

internal sealed class GeminiFunctionCallingConfig
{
    /// <summary>AUTO | ANY | NONE.</summary>
    public string Mode { get; set; } = "AUTO";
    public List<string>? AllowedFunctionNames { get; set; }
}
