namespace Switchyard.Core.Config;

/// <summary>An invalid config: names the file, the path inside it and what is wrong, one line per problem.</summary>
public sealed class ConfigException(string source, IReadOnlyList<string> problems)
    : Exception($"Invalid configuration in {source}:\n" + string.Join("\n", problems.Select(p => "  - " + p)))
{
    public string ConfigSource { get; } = source;
    public IReadOnlyList<string> Problems { get; } = problems;
}
