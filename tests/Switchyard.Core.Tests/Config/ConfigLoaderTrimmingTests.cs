using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Switchyard.Core.Config;

namespace Switchyard.Core.Tests.Config;

/// <summary>
/// In the Native AOT build, YamlDotNet can only set the properties of config records the trimmer was told
/// to keep (ConfigLoader.Parse's DynamicDependency list). A record added to the config without joining
/// that list would load in every JIT test and silently fail in the native executable; this test walks the
/// config's property graph so it fails here instead.
/// </summary>
public class ConfigLoaderTrimmingTests
{
    [Fact]
    public void Every_record_the_yaml_can_reach_is_kept_whole_for_the_native_build()
    {
        var kept = typeof(ConfigLoader).GetMethod(nameof(ConfigLoader.Parse))!
            .GetCustomAttributes<DynamicDependencyAttribute>()
            .Where(d => d.MemberTypes.HasFlag(DynamicallyAccessedMemberTypes.PublicProperties)
                        && d.MemberTypes.HasFlag(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor))
            .Select(d => d.Type!)
            .ToHashSet();

        var reachable = ReachableRecords(typeof(GatewayConfig));

        Assert.Contains(typeof(Switchyard.Core.Keys.AuthConfig), reachable); // the walk goes into other namespaces
        Assert.Empty(reachable.Except(kept).Select(t => t.FullName));
        Assert.Empty(kept.Except(reachable).Select(t => t.FullName)); // and nothing stale stays listed
    }

    /// <summary>Switchyard's own classes reachable through settable properties, through lists, maps and nullables.</summary>
    private static HashSet<Type> ReachableRecords(Type root)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            if (!found.Add(type)) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
                foreach (var candidate in Unwrap(property.PropertyType))
                    if (candidate.IsClass && candidate.Namespace?.StartsWith("Switchyard.", StringComparison.Ordinal) == true)
                        pending.Push(candidate);
        }
        return found;
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap) : [type];
}
