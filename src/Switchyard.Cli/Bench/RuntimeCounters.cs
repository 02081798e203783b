using System.Globalization;

namespace Switchyard.Cli.Bench;

/// <summary>
/// The .NET runtime's GC counters as a Switchyard gateway shows them on <c>GET /metrics</c>
/// (the "System.Runtime" meter): bytes allocated, GC pause time and collections since start.
/// Read before and after a phase, they give the bytes a request allocates and the share of the
/// phase the GC paused the process, which the tail latency pays for. Another gateway (no such
/// lines, or no /metrics) gives none, and the report shows "-".
/// </summary>
public sealed record RuntimeCounters(double AllocatedBytes, double GcPauseSeconds, double GcCollections)
{
    private const string Allocated = "dotnet_gc_heap_total_allocated_bytes_total";
    private const string Pause = "dotnet_gc_pause_time_seconds_total";
    private const string Collections = "dotnet_gc_collections_total";

    /// <summary>The metrics URL beside a chat completions URL: the server root + /metrics.</summary>
    public static Uri MetricsUrl(Uri chatUrl) => new(chatUrl, "/metrics");

    /// <summary>The three counters from Prometheus text (collections summed over generations); null when the allocation counter is missing.</summary>
    public static RuntimeCounters? Parse(string text)
    {
        double? allocated = null;
        double pause = 0, collections = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#')) continue;
            if (Value(line, Allocated) is { } a) allocated = a;
            else if (Value(line, Pause) is { } p) pause = p;
            else if (Value(line, Collections) is { } c) collections += c;
        }
        return allocated is { } bytes ? new RuntimeCounters(bytes, pause, collections) : null;
    }

    /// <summary>The sample's value when the line is a sample of <paramref name="name"/> (with or without labels).</summary>
    private static double? Value(string line, string name)
    {
        if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || line[name.Length] is not (' ' or '{')) return null;
        var space = line.LastIndexOf(' ');
        return double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
