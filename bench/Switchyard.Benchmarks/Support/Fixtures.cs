namespace Switchyard.Benchmarks.Support;

/// <summary>The recorded provider wire files in ../shared/fixtures (found by walking up from the benchmark's folder).</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("../shared/fixtures not found above " + AppContext.BaseDirectory);
    });

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Root.Value, relativePath));
}
