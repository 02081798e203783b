using System.Text.Json;

namespace Switchyard.Core.Tests.Tokens;

/// <summary>
/// reference/reference.json: token ids from the real tiktoken (npm) for each test string, made by
/// reference/make-reference.mjs and committed, so the tests need no node.
/// </summary>
internal static class TokenReference
{
    private static readonly Lazy<Data> Loaded = new(Load);

    public static string Folder => Path.Combine(RepositoryRoot, "tests", "Switchyard.Core.Tests", "Tokens", "reference");

    public static string TiktokenVersion => Loaded.Value.Version;

    public static IReadOnlyDictionary<string, string> Patterns => Loaded.Value.Patterns;

    public static IReadOnlyList<Case> Cases => Loaded.Value.Cases;

    public static Case Get(string name) => Cases.Single(c => c.Name == name);

    /// <summary>The repository root (the folder with Switchyard.slnx), found above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("Switchyard.slnx not found above " + AppContext.BaseDirectory);
    }

    private static Data Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "reference.json")));
        var root = document.RootElement;
        var patterns = root.GetProperty("patterns").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("text").GetString()!,
            c.GetProperty("o200k_base").EnumerateArray().Select(t => t.GetInt32()).ToArray(),
            c.GetProperty("cl100k_base").EnumerateArray().Select(t => t.GetInt32()).ToArray())).ToList();
        return new Data(root.GetProperty("tiktoken").GetString()!, patterns, cases);
    }

    public sealed record Case(string Name, string Text, int[] O200k, int[] Cl100k)
    {
        public int[] Expected(string encoding) => encoding == "o200k_base" ? O200k : Cl100k;

        public bool IsFuzz => Name.StartsWith("fuzz-", StringComparison.Ordinal);
    }

    private sealed record Data(string Version, Dictionary<string, string> Patterns, List<Case> Cases);
}
