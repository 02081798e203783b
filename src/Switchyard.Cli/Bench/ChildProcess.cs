using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Switchyard.Cli.Bench;

/// <summary>
/// The `switchyard` CLI (this very assembly) run as a child process, its output appended to a log
/// file rather than a pipe: the harness then spends no CPU reading it, and the gateway writes its
/// access log as it would under a process manager. `exec` keeps the PID that of dotnet itself, so
/// /proc/PID is the measured process.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly string[] HiddenVariables =
    [
        "SWITCHYARD_ADMIN_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "GEMINI_BASE_URL",
    ];

    private readonly Process process;

    private ChildProcess(Process process, string logPath)
    {
        this.process = process;
        LogPath = logPath;
    }

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public string LogPath { get; }

    public static ChildProcess StartCli(string logPath, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$SWITCHYARD_BENCH_LOG\" 2>&1");
        foreach (var part in CliCommand()) info.ArgumentList.Add(part);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var v in HiddenVariables) info.Environment.Remove(v);
        info.Environment["SWITCHYARD_BENCH_LOG"] = logPath;
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start /bin/sh"), logPath);
    }

    /// <summary>The last lines the process wrote, for an error message.</summary>
    public string Tail(int lines = 20)
    {
        try { return string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(lines)); }
        catch (IOException) { return ""; }
    }

    /// <summary>SIGTERM (the gateway drains its request log), then SIGKILL when it has not exited in time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        }
        process.Dispose();
    }

    /// <summary>How this CLI, and so every process it starts, was built: "Native AOT" or "JIT".</summary>
    public static string BuildKind => RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT";

    /// <summary>
    /// How to start this CLI again: a Native AOT build is its own executable; otherwise the dotnet host
    /// running this process (or the one on PATH) runs this assembly.
    /// </summary>
    private static string[] CliCommand()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported && Environment.ProcessPath is { } native) return [native];
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return [host, Path.Combine(AppContext.BaseDirectory, "switchyard.dll")];
    }
}
