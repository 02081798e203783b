using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Conversation;

/// <summary>
/// Accumulates the prompt token count while a reader walks a request: texts by
/// <see cref="TokenCounter"/>, JSON (schemas, arguments, results) by <see cref="JsonTokenCounter"/>,
/// and a fixed count per image or file, since the simulator never decodes media.
/// </summary>
internal struct PromptTally
{
    public int Tokens { get; private set; }

    public void AddText(string? text)
    {
        if (!string.IsNullOrEmpty(text)) Tokens += TokenCounter.Count(text);
    }

    public void AddJson(JsonElement json) => Tokens += JsonTokenCounter.Count(json);

    public void AddJsonText(string? json)
    {
        if (!string.IsNullOrEmpty(json)) Tokens += JsonTokenCounter.Count(json);
    }

    public void AddMedia(int tokens) => Tokens += tokens;

    public void AddTool(ToolSpec tool)
    {
        AddText(tool.Name);
        AddText(tool.Description);
        if (tool.Schema.ValueKind != JsonValueKind.Undefined) AddJson(tool.Schema);
    }
}
