namespace Switchyard.Core.Tests.Support;

/// <summary>Finds ../shared (fixtures and data): the repository is cloned with it beside it, here and in CI.</summary>
public static class SharedFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures"))) return candidate;
        }
        throw new DirectoryNotFoundException("shared/fixtures was not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);
}
