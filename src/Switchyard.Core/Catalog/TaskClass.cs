namespace Switchyard.Core.Catalog;

/// <summary>The task classes routing and the catalog's capability tiers speak of.</summary>
public enum TaskClass
{
    Chat,
    Code,
    Math,
    Reasoning,
    Extraction,
    Summarization,
    Translation,
    CreativeWriting,
    Classification,
}

public static class TaskClassNames
{
    /// <summary>The snake_case names used in config files, the catalog file and the request log.</summary>
    public static string Name(this TaskClass task) => task switch
    {
        TaskClass.Chat => "chat",
        TaskClass.Code => "code",
        TaskClass.Math => "math",
        TaskClass.Reasoning => "reasoning",
        TaskClass.Extraction => "extraction",
        TaskClass.Summarization => "summarization",
        TaskClass.Translation => "translation",
        TaskClass.CreativeWriting => "creative_writing",
        TaskClass.Classification => "classification",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    public static bool TryParse(string name, out TaskClass task)
    {
        foreach (var candidate in Enum.GetValues<TaskClass>())
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase)) { task = candidate; return true; }
        task = default;
        return false;
    }
}
