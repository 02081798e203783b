using System.Text.Json.Nodes;

namespace Switchyard.Simulator.Tests.Support;

/// <summary>Finds ../shared/fixtures by walking up from the test binaries (repo and shared are siblings).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    public static JsonNode Json(string relative) => JsonNode.Parse(Text(relative))!;

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/fixtures not found above " + AppContext.BaseDirectory);
    }
}
