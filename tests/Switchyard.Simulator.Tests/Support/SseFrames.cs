using System.Text.Json.Nodes;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>One server-sent event: its <c>event:</c> name (or null) and its <c>data:</c> text.</summary>
internal sealed record SseFrame(string? Event, string Data)
{
    public JsonNode Json => JsonNode.Parse(Data)!;
}

internal static class SseFrames
{
    /// <summary>Splits a raw stream on blank lines (LF or CRLF framing).</summary>
    public static List<SseFrame> Parse(string raw)
    {
        var frames = new List<SseFrame>();
        foreach (var block in raw.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = "";
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            }
            frames.Add(new SseFrame(name, data));
        }
        return frames;
    }
}
