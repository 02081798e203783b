namespace Switchyard.Server.Admin;

/// <summary>Where the admin key comes from: the SWITCHYARD_ADMIN_KEY environment variable (DESIGN.md).</summary>
public static class AdminKey
{
    public const string Variable = "SWITCHYARD_ADMIN_KEY";

    /// <summary>The admin key, or null when the variable is unset or blank (then only loopback requests are answered).</summary>
    public static string? Resolve(Func<string, string?> environment) =>
        environment(Variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
