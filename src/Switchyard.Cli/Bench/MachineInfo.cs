using System.Runtime.InteropServices;

namespace Switchyard.Cli.Bench;

/// <summary>One line about the machine, for the report: cores, CPU model, RAM, OS, .NET.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = Line("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var ramKb = Line("/proc/meminfo", "MemTotal") is { } mem && long.TryParse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], out var kb) ? kb : 0;
        return $"{Environment.ProcessorCount} cores, {cpu}, {ramKb / 1024.0 / 1024.0:0.0} GB RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? Line(string path, string field)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
                ? line[(line.IndexOf(':') + 1)..].Trim()
                : null;
        }
        catch (IOException) { return null; }
    }
}
