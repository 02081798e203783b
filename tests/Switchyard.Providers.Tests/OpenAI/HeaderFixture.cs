using Switchyard.Providers.Tests.Support;

namespace Switchyard.Providers.Tests.OpenAI;

/// <summary>Reads a recorded "*.headers.txt" fixture: a status line, then "name: value" lines.</summary>
internal static class HeaderFixture
{
    public static IReadOnlyList<(string Name, string Value)> Read(string relative) =>
        FixtureFiles.Text(relative)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1) // HTTP/1.1 429 Too Many Requests
            .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
            .Select(parts => (parts[0], parts[1]))
            .ToList();

    /// <summary>Copies the fixture's response headers (not content-type, which the stub sets) onto the stub.</summary>
    public static StubHttpHandler WithHeaders(this StubHttpHandler stub, string relative)
    {
        foreach (var (name, value) in Read(relative))
            if (!name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
                stub.ResponseHeaders[name] = value;
        return stub;
    }
}
