using System.Text.Json;
using Switchyard.Simulator.Faults;

namespace Switchyard.Simulator.Conversation;

/// <summary>
/// What the simulator needs from a chat request, whatever the wire format. Schema elements
/// point into the request's JsonDocument, so a ChatRequest lives only while that document does.
/// </summary>
internal sealed class ChatRequest
{
    public required string Model { get; init; }

    public bool Stream { get; init; }

    /// <summary>OpenAI <c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>max_tokens / max_completion_tokens / maxOutputTokens, when given.</summary>
    public int? MaxOutputTokens { get; init; }

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Text of the latest user message that has text, directives removed.</summary>
    public string UserText { get; init; } = "";

    /// <summary>Directives found in that text.</summary>
    public SimDirective Directive { get; init; } = SimDirective.None;

    /// <summary>Set when the conversation ends with a tool result: the answer then reports it.</summary>
    public ToolResultTurn? ToolResult { get; init; }

    public IReadOnlyList<ToolSpec> Tools { get; init; } = [];

    public ToolChoice ToolChoice { get; init; } = ToolChoice.Auto;

    /// <summary>Names of tools the assistant already called earlier in the conversation.</summary>
    public IReadOnlyCollection<string> EarlierToolCalls { get; init; } = [];

    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>Prompt size by <see cref="Generation.TokenCounter"/>: every text, tool definition, tool call and tool result.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Number of alternative answers (Gemini candidateCount); 1 elsewhere.</summary>
    public int Choices { get; init; } = 1;
}

internal sealed record ToolResultTurn(string? ToolName, string Content);

internal readonly record struct ToolSpec(string Name, string Description, JsonElement Schema);

internal enum ToolChoiceMode { Auto, None, Required, Named }

internal readonly record struct ToolChoice(ToolChoiceMode Mode, string? Name = null)
{
    public static ToolChoice Auto => new(ToolChoiceMode.Auto);
    public static ToolChoice None => new(ToolChoiceMode.None);
}

internal enum OutputFormatKind { Text, JsonObject, JsonSchema }

internal sealed record OutputFormat(OutputFormatKind Kind, JsonElement Schema = default)
{
    public static readonly OutputFormat Text = new(OutputFormatKind.Text);
    public static readonly OutputFormat JsonObject = new(OutputFormatKind.JsonObject);
}
