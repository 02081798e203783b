namespace Switchyard.Core.Tests.Catalog;

/// <summary>
/// Finds ../shared/fixtures (the repository is cloned with the shared folder beside it, here and in CI).
/// A copy of the Providers tests' helper, so this project does not depend on that one.
/// </summary>
internal static class CatalogFixtureFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/fixtures was not found above " + AppContext.BaseDirectory);
    }
}
