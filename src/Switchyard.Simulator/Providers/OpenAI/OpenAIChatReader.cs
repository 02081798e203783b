using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.Faults;

namespace Switchyard.Simulator.Providers.OpenAI;

/// <summary>Reads a Chat Completions request body into a <see cref="ChatRequest"/>.</summary>
internal static class OpenAIChatReader
{
    private const int ImageTokens = 85; // OpenAI's price of a low-detail image

    public static ChatRequest Read(JsonElement body, out SimError? error)
    {
        error = null;
        var model = body.String("model");
        if (string.IsNullOrEmpty(model))
        {
            error = SimError.Invalid("you must provide a model parameter", "model");
            return null!;
        }
        var messages = body.Get("messages");
        if (messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            error = SimError.Invalid("[] is too short - 'messages'", "messages");
            return null!;
        }

        var tally = new PromptTally();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var userText = "";
        ToolResultTurn? toolResult = null;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.String("role");
            var text = ContentText(message.Get("content"), ref tally);
            foreach (var call in message.Items("tool_calls"))
            {
                var function = call.Get("function");
                var name = function.String("name") ?? "";
                tally.AddText(name);
                tally.AddJsonText(function.String("arguments"));
                if (call.String("id") is { } id) callNames[id] = name;
            }
            if (role == "user") userText = text;
            toolResult = role is "tool" or "function"
                ? new ToolResultTurn(callNames.GetValueOrDefault(message.String("tool_call_id") ?? "") ?? message.String("name"), text)
                : null;
        }

        var tools = ReadTools(body, ref tally);
        var directive = SimDirectiveParser.Parse(userText, out var cleanText);
        var streamOptions = body.Get("stream_options");
        return new ChatRequest
        {
            Model = model,
            Stream = body.Bool("stream"),
            IncludeUsage = streamOptions.Bool("include_usage"),
            MaxOutputTokens = body.Int("max_completion_tokens") ?? body.Int("max_tokens"),
            StopSequences = body.Strings("stop"),
            UserText = cleanText,
            Directive = directive,
            ToolResult = toolResult,
            Tools = tools,
            ToolChoice = ReadToolChoice(body.Get("tool_choice")),
            EarlierToolCalls = callNames.Values.ToHashSet(StringComparer.Ordinal),
            Format = ReadFormat(body.Get("response_format")),
            PromptTokens = tally.Tokens,
        };
    }

    private static string ContentText(JsonElement content, ref PromptTally tally)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            var s = content.GetString()!;
            tally.AddText(s);
            return s;
        }
        if (content.ValueKind != JsonValueKind.Array) return "";
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            switch (part.String("type"))
            {
                case "text":
                    var s = part.String("text");
                    tally.AddText(s);
                    if (text.Length > 0) text.Append('\n');
                    text.Append(s);
                    break;
                case "image_url" or "input_audio" or "file":
                    tally.AddMedia(ImageTokens);
                    break;
            }
        }
        return text.ToString();
    }

    private static List<ToolSpec> ReadTools(JsonElement body, ref PromptTally tally)
    {
        var tools = new List<ToolSpec>();
        foreach (var tool in body.Items("tools"))
        {
            var function = tool.Get("function");
            if (function.String("name") is not { } name) continue; // custom (non-function) tools are not simulated
            var spec = new ToolSpec(name, function.String("description") ?? "", function.Get("parameters"));
            tally.AddTool(spec);
            tools.Add(spec);
        }
        return tools;
    }

    private static ToolChoice ReadToolChoice(JsonElement choice) => choice.ValueKind switch
    {
        JsonValueKind.String => choice.GetString() switch
        {
            "none" => ToolChoice.None,
            "required" => new ToolChoice(ToolChoiceMode.Required),
            _ => ToolChoice.Auto,
        },
        JsonValueKind.Object when choice.Get("function").String("name") is { } name => new ToolChoice(ToolChoiceMode.Named, name),
        _ => ToolChoice.Auto,
    };

    private static OutputFormat ReadFormat(JsonElement format) => format.String("type") switch
    {
        "json_object" => OutputFormat.JsonObject,
        "json_schema" when format.Get("json_schema").Get("schema") is { ValueKind: JsonValueKind.Object } schema => new OutputFormat(OutputFormatKind.JsonSchema, schema),
        "json_schema" => OutputFormat.JsonObject,
        _ => OutputFormat.Text,
    };
}
