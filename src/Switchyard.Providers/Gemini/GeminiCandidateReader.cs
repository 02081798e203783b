using System.Text;
using Switchyard.Core.Chat;

namespace Switchyard.Providers.Gemini;

/// <summary>
/// Reads the parts of one candidate (whole, or one stream event's worth): answer text, and
/// function calls as OpenAI tool calls. Parts marked thought:true are reasoning summaries and
/// are left out of the answer.
/// </summary>
internal static class GeminiCandidateReader
{
    /// <summary>The answer text of the parts, or null when they hold none.</summary>
    public static string? Text(GeminiContent? content)
    {
        StringBuilder? text = null;
        foreach (var part in content?.Parts ?? [])
            if (part.Text is not null && part.Thought != true) (text ??= new StringBuilder()).Append(part.Text);
        return text?.ToString();
    }

    /// <summary>The function calls of the parts; <paramref name="firstOrdinal"/> continues the numbering across stream events.</summary>
    public static List<ToolCall> ToolCalls(GeminiContent? content, string completionId, int candidateIndex, int firstOrdinal, bool withIndex)
    {
        var calls = new List<ToolCall>();
        foreach (var part in content?.Parts ?? [])
        {
            if (part.FunctionCall is not { } call) continue;
            var ordinal = firstOrdinal + calls.Count;
            calls.Add(new ToolCall
            {
                Index = withIndex ? ordinal : null,
                Id = GeminiToolCallIds.Create(call.Id, completionId, candidateIndex, ordinal, part.ThoughtSignature),
                Type = "function",
                Function = new FunctionCall { Name = call.Name, Arguments = GeminiJson.Compact(call.Args) },
            });
        }
        return calls;
    }
}
