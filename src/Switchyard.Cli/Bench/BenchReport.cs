using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Switchyard.Cli.Bench;

/// <summary>The run as a readable table (the console) or a markdown table (for bench/RESULTS.md).</summary>
public static class BenchReport
{
    private static readonly string[] Columns =
        ["phase", "target", "req/s", "ok", "errors", "p50 ms", "p99 ms", "p99.9 ms", "ttft p50", "ttft p99", "+p50", "+p99", "+p99.9", "+ttft p99", "cpu s/1k", "ctx sw/req", "rss MB", "alloc KB/req", "gc ms/s", "load avg"];

    public static string Text(BenchRun run) => Render(run, markdown: false);

    public static string Markdown(BenchRun run) => Render(run, markdown: true);

    private static string Render(BenchRun run, bool markdown)
    {
        var text = new StringBuilder();
        var bullet = markdown ? "- " : "  ";
        text.AppendLine(markdown ? $"### switchyard bench, {run.Date:yyyy-MM-dd HH:mm} UTC" : $"Switchyard bench, {run.Date:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine($"{bullet}machine: {run.Machine}");
        text.AppendLine($"{bullet}measured: {run.Gateway}");
        text.AppendLine($"{bullet}settings: {run.Settings}");
        text.AppendLine($"{bullet}load average at start (1/5/15 min): {run.LoadAverageAtStart}");
        if (run.StartRssMb is not null)
            text.AppendLine($"{bullet}RSS: {Mb(run.StartRssMb)} MB at start, {Mb(run.IdleRssMb)} MB idle after warm-up, {Mb(run.PeakRssMb)} MB peak (VmHWM), {Mb(run.IdleRssAfterLoadMb)} MB idle after the load");
        if (run.IdleCpuPercent is { } idle)
            text.AppendLine($"{bullet}CPU with no requests: {idle:0.0}% of one core after the warm-up{(RuntimeFeature.IsDynamicCodeSupported && idle >= 5 ? " (JIT tier-up still running)" : "")}, {F(run.IdleCpuAfterLoadPercent, "0.0")}% after the load");
        text.AppendLine();

        var rows = run.Phases.Select(Row).ToList();
        if (markdown)
        {
            text.AppendLine("| " + string.Join(" | ", Columns) + " |");
            text.AppendLine("|" + string.Concat(Columns.Select(_ => "---|")));
            foreach (var row in rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        else
        {
            var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            text.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            foreach (var row in rows) text.AppendLine(string.Join("  ", row.Select((v, i) => i < 2 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd());
        }
        text.AppendLine();
        text.AppendLine($"{bullet}latencies: sent to last byte; ttft: to the first body byte (streams); +: the target's percentile minus the direct run's at the same load");
        text.AppendLine($"{bullet}cpu s/1k: the measured process's utime+stime (/proc/PID/stat) per 1,000 answered requests; ctx sw/req: its threads' context switches (/proc/PID/task/*/status) per answered request; rss: VmRSS at the end of the phase");
        text.AppendLine($"{bullet}alloc KB/req, gc ms/s: bytes the runtime allocated per answered request and milliseconds per second the GC paused the process, from the target's /metrics (a Switchyard gateway's dotnet_gc_* counters; '-' for others)");
        foreach (var failed in run.Phases.Where(p => p.FirstError is not null))
            text.AppendLine($"{bullet}{failed.Phase} -> {failed.Target}: {failed.Errors} errors, the first: {failed.FirstError}");
        return text.ToString();
    }

    private static string[] Row(PhaseResult p) =>
    [
        p.Phase, p.Target, F(p.RequestsPerSecond, "0"), p.Ok.ToString(CultureInfo.InvariantCulture), p.Errors.ToString(CultureInfo.InvariantCulture),
        F(p.P50Ms), F(p.P99Ms), F(p.P999Ms), F(p.TtftP50Ms), F(p.TtftP99Ms),
        F(p.AddedP50Ms), F(p.AddedP99Ms), F(p.AddedP999Ms), F(p.AddedTtftP99Ms),
        F(p.CpuSecondsPer1000, "0.000"), F(p.ContextSwitchesPerRequest, "0.0"), Mb(p.RssMb), F(p.AllocatedKbPerRequest, "0.0"), F(p.GcPauseMsPerSecond), p.LoadAverage,
    ];

    private static string F(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Mb(double? value) => F(value, "0.0");
}
