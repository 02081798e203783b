using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Switchyard.Core.Config;

/// <summary>Reads a YAML config file. Unknown keys are errors, so a typo never silently does nothing.</summary>
public static class ConfigLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static GatewayConfig LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, ["the file does not exist"]);
        return Parse(File.ReadAllText(path), path);
    }

    public static GatewayConfig Parse(string yaml, string source)
    {
        try
        {
            return Yaml.Deserialize<GatewayConfig?>(yaml) ?? new GatewayConfig();
        }
        catch (YamlException ex)
        {
            var reason = (ex.InnerException?.Message ?? ex.Message).Trim();
            throw new ConfigException(source, [$"line {ex.Start.Line}, column {ex.Start.Column}: {reason}"]);
        }
    }
}
