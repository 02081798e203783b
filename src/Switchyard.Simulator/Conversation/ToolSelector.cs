namespace Switchyard.Simulator.Conversation;

/// <summary>
/// Decides whether an answer calls a tool, and which. No call when there are no tools, when
/// the choice is "none", or when the conversation ends with a tool result (the answer then
/// reports the result). A named choice calls that tool; "required"/"any" calls the first tool.
/// "auto" calls the first tool that the latest user text mentions (its name, a word of its
/// name, or a word of four letters or more from its description, case-insensitive) or that
/// the assistant already called earlier in the conversation; otherwise the answer is text.
/// </summary>
internal static class ToolSelector
{
    private const int MinDescriptionWord = 4;

    public static ToolSpec? Select(ChatRequest request)
    {
        if (request.Tools.Count == 0 || request.ToolResult is not null) return null;
        var choice = request.ToolChoice;
        switch (choice.Mode)
        {
            case ToolChoiceMode.None:
                return null;
            case ToolChoiceMode.Named:
                foreach (var tool in request.Tools)
                {
                    if (tool.Name == choice.Name) return tool;
                }
                return request.Tools[0];
            case ToolChoiceMode.Required:
                return request.Tools[0];
        }

        var words = WordsOf(request.UserText);
        foreach (var tool in request.Tools)
        {
            if (IsMentioned(tool, words, request.UserText) || request.EarlierToolCalls.Contains(tool.Name)) return tool;
        }
        return null;
    }

    private static bool IsMentioned(ToolSpec tool, HashSet<string> words, string text)
    {
        if (text.Contains(tool.Name, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var part in WordsOf(SplitCamelCase(tool.Name)))
        {
            if (part.Length >= MinDescriptionWord && words.Contains(part)) return true;
        }
        foreach (var word in WordsOf(tool.Description))
        {
            if (word.Length >= MinDescriptionWord && words.Contains(word)) return true;
        }
        return false;
    }

    private static string SplitCamelCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()));

    private static HashSet<string> WordsOf(string text)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0) start = i;
            else if (!isWordChar && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
