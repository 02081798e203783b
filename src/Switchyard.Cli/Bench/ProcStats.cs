using System.Globalization;

namespace Switchyard.Cli.Bench;

/// <summary>
/// A process's CPU time and memory as Linux reports them in /proc: utime + stime from
/// /proc/PID/stat (clock ticks, 100 per second on every mainstream kernel config), VmRSS and VmHWM
/// (the peak resident set) from /proc/PID/status. Null where /proc is missing (not Linux) or the
/// process is gone.
/// </summary>
public static class ProcStats
{
    private const double TicksPerSecond = 100; // USER_HZ; sysconf(_SC_CLK_TCK) is 100 on Linux x64 and arm64

    public static double? CpuSeconds(int pid)
    {
        var text = Read($"/proc/{pid}/stat");
        if (text is null) return null;
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // After the name, field 3 (state) is index 0, so utime (field 14) is index 11 and stime (15) index 12.
        if (fields.Length < 13) return null;
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>
    /// Context switches of each of the process's threads so far, voluntary (a thread waited) and not (it
    /// was preempted), from /proc/PID/task/TID/status, by thread id. Subtract two snapshots with
    /// <see cref="SwitchesBetween"/>, never their sums: a thread that exits between them takes its count
    /// with it, and the sums' difference would go down by that count (the thread pool retires idle
    /// workers, so a phase once showed -19 switches per request).
    /// </summary>
    public static IReadOnlyDictionary<int, long>? ContextSwitchesByThread(int pid)
    {
        string[] tasks;
        try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var byThread = new Dictionary<int, long>(tasks.Length);
        foreach (var task in tasks)
        {
            var text = Read(Path.Combine(task, "status"));
            if (text is null || !int.TryParse(Path.GetFileName(task), CultureInfo.InvariantCulture, out var tid)) continue; // the thread exited meanwhile (or the entry is not a thread id)
            byThread[tid] = (Field(text, "voluntary_ctxt_switches:") ?? 0) + (Field(text, "nonvoluntary_ctxt_switches:") ?? 0);
        }
        return byThread;
    }

    /// <summary>
    /// The switches made between two snapshots by the threads alive at the second: a thread also in the
    /// first counts its growth, a new one all of its count. A thread that exited in between is left out,
    /// so the figure can undercount, never go below zero. (A thread id reused by a new thread shows a
    /// count lower than its first snapshot's; it is taken as new.)
    /// </summary>
    public static long SwitchesBetween(IReadOnlyDictionary<int, long> before, IReadOnlyDictionary<int, long> after)
    {
        long total = 0;
        foreach (var (tid, count) in after)
            total += before.TryGetValue(tid, out var earlier) && earlier <= count ? count - earlier : count;
        return total;
    }

    /// <summary>Current resident set in MB (VmRSS).</summary>
    public static double? RssMb(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    /// <summary>The peak resident set since the process started, in MB (VmHWM).</summary>
    public static double? PeakRssMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    /// <summary>The 1-, 5- and 15-minute load averages, as `uptime` prints them; the machine is shared, so every figure carries them.</summary>
    public static string LoadAverage()
    {
        var text = Read("/proc/loadavg");
        return text is null ? "n/a" : string.Join(' ', text.Split(' ').Take(3));
    }

    private static long? StatusKb(int pid, string field) => Read($"/proc/{pid}/status") is { } text ? Field(text, field) : null;

    /// <summary>The number after a /proc status field's name (the first word of its value: "1234 kB" gives 1234).</summary>
    private static long? Field(string text, string field)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var value = line[field.Length..].Trim();
            var space = value.IndexOf(' ');
            return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static string? Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
