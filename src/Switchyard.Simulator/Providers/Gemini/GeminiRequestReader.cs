using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.Faults;

namespace Switchyard.Simulator.Providers.Gemini;

/// <summary>Reads a GenerateContentRequest body into a <see cref="ChatRequest"/>; the model comes from the path.</summary>
internal static class GeminiRequestReader
{
    private const int MediaTokens = 258; // Google's documented count for an image

    public static ChatRequest Read(JsonElement body, string model, bool stream, out SimError? error)
    {
        error = null;
        var contents = body.Get("contents");
        if (contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            error = SimError.Invalid("* GenerateContentRequest.contents: contents is not specified\n");
            return null!;
        }

        var tally = new PromptTally();
        PartsText(body.Get("systemInstruction"), ref tally, null, null);
        var called = new HashSet<string>(StringComparer.Ordinal);
        var userText = "";
        ToolResultTurn? toolResult = null;
        foreach (var content in contents.EnumerateArray())
        {
            var results = new List<ToolResultTurn>();
            var text = PartsText(content, ref tally, called, results);
            if (content.String("role") is null or "user" && text.Length > 0) userText = text;
            toolResult = results.Count > 0 ? results[^1] : null;
        }

        var tools = new List<ToolSpec>();
        foreach (var tool in body.Items("tools"))
        {
            foreach (var declaration in tool.Items("functionDeclarations"))
            {
                if (declaration.String("name") is not { } name) continue;
                var schema = declaration.Get("parametersJsonSchema") is { ValueKind: JsonValueKind.Object } json ? json : declaration.Get("parameters");
                var spec = new ToolSpec(name, declaration.String("description") ?? "", schema);
                tally.AddTool(spec);
                tools.Add(spec);
            }
        }

        var config = body.Get("generationConfig");
        var directive = SimDirectiveParser.Parse(userText, out var cleanText);
        return new ChatRequest
        {
            Model = model,
            Stream = stream,
            MaxOutputTokens = config.Int("maxOutputTokens"),
            StopSequences = config.Strings("stopSequences"),
            UserText = cleanText,
            Directive = directive,
            ToolResult = toolResult,
            Tools = tools,
            ToolChoice = ReadToolChoice(body.Get("toolConfig").Get("functionCallingConfig")),
            EarlierToolCalls = called,
            Format = ReadFormat(config),
            PromptTokens = tally.Tokens,
            Choices = Math.Clamp(config.Int("candidateCount") ?? 1, 1, 8),
        };
    }

    private static string PartsText(JsonElement content, ref PromptTally tally, HashSet<string>? called, List<ToolResultTurn>? results)
    {
        var text = new StringBuilder();
        foreach (var part in content.Items("parts"))
        {
            if (part.String("text") is { } s)
            {
                tally.AddText(s);
                if (text.Length > 0) text.Append('\n');
                text.Append(s);
            }
            else if (part.Get("functionCall") is { ValueKind: JsonValueKind.Object } call)
            {
                var name = call.String("name") ?? "";
                tally.AddText(name);
                tally.AddJson(call.Get("args"));
                called?.Add(name);
            }
            else if (part.Get("functionResponse") is { ValueKind: JsonValueKind.Object } response)
            {
                var name = response.String("name");
                tally.AddText(name);
                var payload = response.Get("response");
                tally.AddJson(payload);
                results?.Add(new ToolResultTurn(name, payload.ValueKind == JsonValueKind.Undefined ? "" : payload.GetRawText()));
            }
            else if (part.Get("inlineData").ValueKind == JsonValueKind.Object || part.Get("fileData").ValueKind == JsonValueKind.Object)
            {
                tally.AddMedia(MediaTokens);
            }
        }
        return text.ToString();
    }

    private static ToolChoice ReadToolChoice(JsonElement config)
    {
        var allowed = config.Strings("allowedFunctionNames");
        return config.String("mode") switch
        {
            "NONE" => ToolChoice.None,
            "ANY" when allowed.Count > 0 => new ToolChoice(ToolChoiceMode.Named, allowed[0]),
            "ANY" => new ToolChoice(ToolChoiceMode.Required),
            _ => ToolChoice.Auto,
        };
    }

    private static OutputFormat ReadFormat(JsonElement config)
    {
        if (config.String("responseMimeType") != "application/json") return OutputFormat.Text;
        foreach (var key in (ReadOnlySpan<string>)["responseJsonSchema", "responseSchema", "_responseJsonSchema"])
        {
            if (config.Get(key) is { ValueKind: JsonValueKind.Object } schema) return new OutputFormat(OutputFormatKind.JsonSchema, schema);
        }
        return OutputFormat.JsonObject;
    }
}
