using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Conversation;
using Switchyard.Simulator.Exchange;
using Switchyard.Simulator.Faults;

namespace Switchyard.Simulator.Providers.Anthropic;

/// <summary>Reads a Messages API request body into a <see cref="ChatRequest"/>.</summary>
internal static class AnthropicMessagesReader
{
    private const int MediaTokens = 85;

    public static ChatRequest Read(JsonElement body, out SimError? error)
    {
        error = null;
        var model = body.String("model");
        var maxTokens = body.Int("max_tokens");
        var messages = body.Get("messages");
        error = string.IsNullOrEmpty(model) ? SimError.Invalid("model: Field required")
            : maxTokens is null ? SimError.Invalid("max_tokens: Field required")
            : messages.ValueKind != JsonValueKind.Array ? SimError.Invalid("messages: Field required")
            : null;
        if (error is not null) return null!;

        var tally = new PromptTally();
        var system = body.Get("system");
        var systemText = system.ValueKind == JsonValueKind.String ? system.GetString()! : BlocksText(system, ref tally, null, null);
        if (system.ValueKind == JsonValueKind.String) tally.AddText(systemText);

        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var userText = "";
        ToolResultTurn? toolResult = null;
        foreach (var message in messages.EnumerateArray())
        {
            var content = message.Get("content");
            var results = new List<ToolResultTurn>();
            string text;
            if (content.ValueKind == JsonValueKind.String)
            {
                text = content.GetString()!;
                tally.AddText(text);
            }
            else
            {
                text = BlocksText(content, ref tally, toolNames, results);
            }
            var isUser = message.String("role") == "user";
            if (isUser && text.Length > 0) userText = text;
            toolResult = isUser && results.Count > 0 ? results[^1] : null;
        }

        var tools = new List<ToolSpec>();
        foreach (var tool in body.Items("tools"))
        {
            if (tool.String("name") is not { } name) continue;
            var spec = new ToolSpec(name, tool.String("description") ?? "", tool.Get("input_schema"));
            tally.AddTool(spec);
            tools.Add(spec);
        }

        var directive = SimDirectiveParser.Parse(userText, out var cleanText);
        return new ChatRequest
        {
            Model = model!,
            Stream = body.Bool("stream"),
            MaxOutputTokens = maxTokens,
            StopSequences = body.Strings("stop_sequences"),
            UserText = cleanText,
            Directive = directive,
            ToolResult = toolResult,
            Tools = tools,
            ToolChoice = ReadToolChoice(body.Get("tool_choice")),
            EarlierToolCalls = toolNames.Values.ToHashSet(StringComparer.Ordinal),
            Format = ReadFormat(body, systemText),
            PromptTokens = tally.Tokens,
        };
    }

    /// <summary>Text of a block list; counts every block and collects tool_use names and tool results.</summary>
    private static string BlocksText(JsonElement blocks, ref PromptTally tally, Dictionary<string, string>? toolNames, List<ToolResultTurn>? results)
    {
        if (blocks.ValueKind != JsonValueKind.Array) return "";
        var text = new StringBuilder();
        foreach (var block in blocks.EnumerateArray())
        {
            switch (block.String("type"))
            {
                case "text":
                    var s = block.String("text") ?? "";
                    tally.AddText(s);
                    if (text.Length > 0) text.Append('\n');
                    text.Append(s);
                    break;
                case "image" or "document":
                    tally.AddMedia(MediaTokens);
                    break;
                case "tool_use":
                    var name = block.String("name") ?? "";
                    tally.AddText(name);
                    tally.AddJson(block.Get("input"));
                    if (block.String("id") is { } id) toolNames?.TryAdd(id, name);
                    break;
                case "tool_result":
                    var content = block.Get("content");
                    var resultText = content.ValueKind == JsonValueKind.String ? content.GetString()! : "";
                    if (content.ValueKind == JsonValueKind.String) tally.AddText(resultText);
                    else resultText = BlocksText(content, ref tally, null, null);
                    results?.Add(new ToolResultTurn(toolNames?.GetValueOrDefault(block.String("tool_use_id") ?? ""), resultText));
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Structured output comes as output_config.format (the current API) or output_format (the
    /// earlier beta), both {"type":"json_schema","schema":...}. Anthropic has no schema-free JSON
    /// mode: clients ask for JSON in the system prompt, and a real model complies; so does this one
    /// when the system prompt asks for a "JSON object".
    /// </summary>
    private static OutputFormat ReadFormat(JsonElement body, string systemText)
    {
        var format = body.Get("output_config").Get("format");
        if (format.ValueKind != JsonValueKind.Object) format = body.Get("output_format");
        if (format.ValueKind == JsonValueKind.Object && format.Get("schema") is { ValueKind: JsonValueKind.Object } schema)
            return new OutputFormat(OutputFormatKind.JsonSchema, schema);
        return systemText.Contains("JSON object", StringComparison.OrdinalIgnoreCase) ? OutputFormat.JsonObject : OutputFormat.Text;
    }

    private static ToolChoice ReadToolChoice(JsonElement choice) => choice.String("type") switch
    {
        "none" => ToolChoice.None,
        "any" => new ToolChoice(ToolChoiceMode.Required),
        "tool" => new ToolChoice(ToolChoiceMode.Named, choice.String("name")),
        _ => ToolChoice.Auto,
    };
}
