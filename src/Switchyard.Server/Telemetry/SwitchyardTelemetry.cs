using System.Diagnostics;
using System.Reflection;

namespace Switchyard.Server.Telemetry;

/// <summary>The names collectors subscribe to: one ActivitySource and one Meter, both "Switchyard".</summary>
public static class SwitchyardTelemetry
{
    public const string Name = "Switchyard";

    public static readonly string Version =
        typeof(SwitchyardTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Process-wide, like every ActivitySource: a span costs nothing until a listener subscribes.</summary>
    public static readonly ActivitySource Source = new(Name, Version);
}
