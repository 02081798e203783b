using System.Text;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Writes the text of a simulated answer. The text depends only on the model, the latest user
/// text (directives removed) and the tool result being answered, so the same prompt always
/// gets the same answer; its length (3 to 30 filler words after the opening) comes from the
/// same hash, so different prompts give answers of different lengths.
/// </summary>
internal static class AnswerComposer
{
    private const int EchoedWords = 8;
    private const int MaxEchoedResultChars = 120;

    private static readonly string[] Vocabulary =
    [
        "the", "simulated", "model", "considers", "your", "request", "and", "replies", "with", "a",
        "steady", "deterministic", "sentence", "that", "depends", "only", "on", "prompt", "so", "tests",
        "can", "rely", "it", "gateway", "routes", "tokens", "quickly", "through", "each", "provider",
        "answer", "carefully",
    ];

    public static string Compose(ulong hash, string userText, string? toolName, string? toolResult)
    {
        var text = new StringBuilder(160);
        if (toolResult is not null)
        {
            text.Append("The ").Append(toolName ?? "tool").Append(" tool returned ")
                .Append(Shorten(toolResult, MaxEchoedResultChars)).Append('.');
        }
        else
        {
            text.Append($"Simulated answer {(uint)hash:x8}");
            var echo = FirstWords(userText, EchoedWords);
            if (echo.Length > 0) text.Append(" to \"").Append(echo).Append('"');
            text.Append('.');
        }

        var rng = new SplitMix64(hash);
        var fillerWords = 3 + rng.NextInt(28);
        for (var i = 0; i < fillerWords; i++)
        {
            var word = Vocabulary[rng.NextInt(Vocabulary.Length)];
            text.Append(' ');
            if (i == 0) text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            else text.Append(word);
        }
        return text.Append('.').ToString();
    }

    private static string FirstWords(string text, int count)
    {
        var words = text.Split((char[]?)null, count + 1, StringSplitOptions.RemoveEmptyEntries);
        var shown = string.Join(' ', words.Take(count)).Replace('"', '\'');
        return words.Length > count ? shown + "..." : shown;
    }

    private static string Shorten(string text, int maxChars)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= maxChars ? flat : string.Concat(flat.AsSpan(0, maxChars), "...");
    }
}
