using System.Collections.Concurrent;
using System.Text.Json;
using Switchyard.Core.Chat;

namespace Switchyard.Core.Tokens;

/// <summary>
/// Prompt tokens of a chat completion request: the text of every message counted by one tokenizer, plus the
/// chat format's overhead as OpenAI's cookbook documents it ("How to count tokens with tiktoken", rule for
/// gpt-3.5-turbo-0125, gpt-4 and gpt-4o): 3 tokens per message, 1 more per <c>name</c>, and 3 that prime the
/// reply (<c>&lt;|start|&gt;assistant&lt;|message|&gt;</c>). With the exact encoders this reproduces the API's
/// prompt_tokens for plain text messages (the cookbook's example: 124 on gpt-4o, 129 on gpt-4).
/// </summary>
/// <remarks>
/// Everything else is an estimate, on the side of counting more: tool definitions follow the cookbook's tool
/// rule (exact on its example; nested schema members beyond it are counted as their JSON text), a json_schema
/// response format counts its schema's JSON text, assistant tool calls count their name and arguments plus 3,
/// an image part counts 85 tokens at detail "low" and 765 otherwise (GPT-4o's price of a 1024×1024 image at
/// high detail; the size is unknown before fetching it), and other non-text parts count nothing. For models
/// that use <see cref="EstimatingTokenCounter"/> the same overheads apply to estimated text counts.
/// </remarks>
public sealed class ChatTokenCounter
{
    public const int TokensPerMessage = 3;
    public const int TokensPerName = 1;
    public const int ReplyPriming = 3;

    /// <summary>Cookbook tool rule: tokens before each function (7 for o200k_base models, 10 for the others).</summary>
    public const int FunctionStartO200k = 7;
    public const int FunctionStartOther = 10;
    public const int PropertiesStart = 3;
    public const int PerProperty = 3;
    public const int EnumStart = -3;
    public const int PerEnumItem = 3;
    public const int ToolsEnd = 12;

    public const int ToolCallOverhead = 3;
    public const int LowDetailImageTokens = 85;
    public const int ImageTokens = 765;

    private static readonly ConcurrentDictionary<string, ChatTokenCounter> ByName = new(StringComparer.Ordinal);

    public ChatTokenCounter(ITokenCounter text)
    {
        Text = text;
        FunctionStart = text.Name == TokenCounters.O200kBase ? FunctionStartO200k : FunctionStartOther;
    }

    /// <summary>The counter for the text of messages and tools.</summary>
    public ITokenCounter Text { get; }

    /// <summary>The cookbook's per-function overhead for this tokenizer.</summary>
    public int FunctionStart { get; }

    /// <summary>The chat counter for a catalog tokenizer name (see <see cref="TokenCounters.For"/>); one instance per name.</summary>
    public static ChatTokenCounter For(string tokenizer) =>
        ByName.GetOrAdd(tokenizer, static name => new ChatTokenCounter(TokenCounters.For(name)));

    /// <summary>Prompt tokens of the messages and tools: <see cref="CountMessages"/> + <see cref="CountTools(string?)"/>.</summary>
    public int Count(IEnumerable<ChatTokenMessage> messages, string? toolsJson = null) =>
        CountMessages(messages) + CountTools(toolsJson);

    /// <summary>Each message's role, content and name, the per-message overheads, and the reply priming.</summary>
    public int CountMessages(IEnumerable<ChatTokenMessage> messages)
    {
        var total = ReplyPriming;
        foreach (var message in messages) total += CountMessage(message.Role, message.Name) + Text.Count(message.Content);
        return total;
    }

    /// <summary>
    /// The tool definitions, given as the JSON text of the request's <c>tools</c> array; 0 for null, empty or
    /// <c>[]</c>. Text that is not a JSON array is counted as text plus the tool overheads.
    /// </summary>
    public int CountTools(string? toolsJson)
    {
        if (string.IsNullOrWhiteSpace(toolsJson)) return 0;
        try
        {
            using var document = JsonDocument.Parse(toolsJson);
            if (document.RootElement.ValueKind != JsonValueKind.Array) return FunctionStart + Text.Count(toolsJson) + ToolsEnd;
            var total = 0;
            foreach (var tool in document.RootElement.EnumerateArray())
            {
                total += tool.ValueKind == JsonValueKind.Object
                    && tool.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                        ? CountFunction(
                            function.TryGetProperty("name", out var name) ? name.ToString() : "",
                            function.TryGetProperty("description", out var description) ? description.ToString() : null,
                            function.TryGetProperty("parameters", out var parameters) ? parameters : null)
                        : FunctionStart + Text.Count(tool.GetRawText());
            }

            return total == 0 ? 0 : total + ToolsEnd;
        }
        catch (JsonException)
        {
            return FunctionStart + Text.Count(toolsJson) + ToolsEnd;
        }
    }

    /// <summary>The tool definitions of a request, by the same rule as <see cref="CountTools(string?)"/>.</summary>
    public int CountTools(IReadOnlyList<ToolDefinition>? tools)
    {
        if (tools is null || tools.Count == 0) return 0;
        var total = ToolsEnd;
        foreach (var tool in tools)
        {
            if (tool.Function is { } function)
            {
                total += CountFunction(function.Name, function.Description, function.Parameters);
            }
            else
            {
                total += FunctionStart + Text.Count(tool.Type);
                foreach (var (key, value) in tool.Extra ?? []) total += Text.Count(key) + Text.Count(value.GetRawText());
            }
        }

        return total;
    }

    /// <summary>
    /// The prompt tokens of a chat request before it is sent: messages (text parts, names, tool calls, images
    /// as documented on the class), reply priming, tools and a json_schema response format.
    /// </summary>
    public int CountPrompt(ChatRequest request)
    {
        var total = ReplyPriming;
        foreach (var message in request.Messages ?? []) total += CountMessage(message);
        total += CountTools(request.Tools);
        if (request.ResponseFormat?.JsonSchema?.Schema is { } schema) total += Text.Count(schema.GetRawText());
        return total;
    }

    private int CountMessage(ChatMessage message)
    {
        var total = CountMessage(message.Role, message.Name) + Text.Count(message.Refusal);
        if (message.Content?.Text is { } text)
        {
            total += Text.Count(text);
        }
        else
        {
            foreach (var part in message.Content?.Parts ?? [])
            {
                if (part.Text is not null) total += Text.Count(part.Text);
                else if (part.ImageUrl is not null) total += part.ImageUrl.Detail == "low" ? LowDetailImageTokens : ImageTokens;
            }
        }

        foreach (var call in message.ToolCalls ?? [])
            total += ToolCallOverhead + Text.Count(call.Function?.Name) + Text.Count(call.Function?.Arguments);
        return total;
    }

    private int CountMessage(string role, string? name) =>
        TokensPerMessage + Text.Count(role) + (string.IsNullOrEmpty(name) ? 0 : TokensPerName + Text.Count(name));

    /// <summary>
    /// The cookbook's rule for one function: "name:description" (a final period dropped), then per top-level
    /// property "key:type:description" and its enum values, with the fixed overheads.
    /// </summary>
    private int CountFunction(string name, string? description, JsonElement? parameters)
    {
        var total = FunctionStart + Text.Count(string.IsNullOrEmpty(description) ? name : name + ":" + WithoutFinalPeriod(description));
        if (parameters is not { ValueKind: JsonValueKind.Object } schema) return total;

        foreach (var member in schema.EnumerateObject())
        {
            if (member.NameEquals("properties") && member.Value.ValueKind == JsonValueKind.Object)
            {
                var first = true;
                foreach (var property in member.Value.EnumerateObject())
                {
                    if (first) total += PropertiesStart;
                    first = false;
                    total += PerProperty + CountProperty(property.Name, property.Value);
                }
            }
            else if (!member.NameEquals("type") && !member.NameEquals("required") && !member.NameEquals("additionalProperties"))
            {
                // Beyond the cookbook's rule ($defs, anyOf at the top, ...): counted as JSON text.
                total += Text.Count(member.Name) + Text.Count(member.Value.GetRawText());
            }
        }

        return total;
    }

    private int CountProperty(string key, JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object) return Text.Count(key + "::") + Text.Count(property.GetRawText());
        string type = "", description = "";
        var total = 0;
        foreach (var member in property.EnumerateObject())
        {
            if (member.NameEquals("type"))
            {
                type = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText();
            }
            else if (member.NameEquals("description"))
            {
                description = member.Value.ToString();
            }
            else if (member.NameEquals("enum") && member.Value.ValueKind == JsonValueKind.Array)
            {
                total += EnumStart;
                foreach (var item in member.Value.EnumerateArray()) total += PerEnumItem + Text.Count(item.ToString());
            }
            else
            {
                // Nested schemas (items, properties, anyOf, ...) are beyond the cookbook's rule: counted as JSON text.
                total += Text.Count(member.Name) + Text.Count(member.Value.GetRawText());
            }
        }

        return total + Text.Count($"{key}:{type}:{WithoutFinalPeriod(description)}");
    }

    private static string WithoutFinalPeriod(string text) => text.EndsWith('.') ? text[..^1] : text;
}
