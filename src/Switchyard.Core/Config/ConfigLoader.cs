using System.Diagnostics.CodeAnalysis;
using Switchyard.Core.Keys;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Switchyard.Core.Config;

/// <summary>Reads a YAML config file. Unknown keys are errors, so a typo never silently does nothing.</summary>
public static class ConfigLoader
{
    private static readonly IDeserializer Yaml = CreateDeserializer();

    public static GatewayConfig LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, ["the file does not exist"]);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// YamlDotNet sets the config records' properties by reflection. In a Native AOT build the trimmer
    /// would drop the init setters nothing else calls, so every record the YAML can reach is kept whole
    /// here; a test walks <see cref="GatewayConfig"/>'s properties to keep this list complete.
    /// </summary>
    [DynamicDependency(ConfigMembers, typeof(GatewayConfig))]
    [DynamicDependency(ConfigMembers, typeof(ServerConfig))]
    [DynamicDependency(ConfigMembers, typeof(ProviderConfig))]
    [DynamicDependency(ConfigMembers, typeof(ModelConfig))]
    [DynamicDependency(ConfigMembers, typeof(DeploymentConfig))]
    [DynamicDependency(ConfigMembers, typeof(RouteConfig))]
    [DynamicDependency(ConfigMembers, typeof(SplitConfig))]
    [DynamicDependency(ConfigMembers, typeof(RoutingSectionConfig))]
    [DynamicDependency(ConfigMembers, typeof(PiiConfig))]
    [DynamicDependency(ConfigMembers, typeof(SimulatorConfig))]
    [DynamicDependency(ConfigMembers, typeof(TelemetryConfig))]
    [DynamicDependency(ConfigMembers, typeof(PricingConfig))]
    [DynamicDependency(ConfigMembers, typeof(AccountingConfig))]
    [DynamicDependency(ConfigMembers, typeof(RequestLogConfig))]
    [DynamicDependency(ConfigMembers, typeof(ResilienceConfig))]
    [DynamicDependency(ConfigMembers, typeof(CircuitBreakerConfig))]
    [DynamicDependency(ConfigMembers, typeof(StatisticsConfig))]
    [DynamicDependency(ConfigMembers, typeof(HealthChecksConfig))]
    [DynamicDependency(ConfigMembers, typeof(AuthConfig))]
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

    private const DynamicallyAccessedMemberTypes ConfigMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    /// <summary>
    /// The reflection deserializer makes generic types at run time (a collection adapter per list and
    /// map type). Native AOT can do that from shared code when every type argument is a reference type,
    /// which holds for every collection in the config (strings, records, and object for free-form
    /// params); the native-build test loads a config that uses every section.
    /// </summary>
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every generic argument in the config graph is a reference type; covered by the native-build test.")]
    private static IDeserializer CreateDeserializer() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();
}
