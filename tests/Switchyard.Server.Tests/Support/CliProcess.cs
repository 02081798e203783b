using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.Server.Tests.Support;

/// <summary>
/// Runs the real `switchyard` CLI (the built switchyard.dll beside the tests) as a child process,
/// with no provider keys in its environment, and collects what it prints.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private static readonly string[] ProviderVariables =
    [
        "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "MISTRAL_API_KEY", "DEEPSEEK_API_KEY",
        "DASHSCOPE_API_KEY", "TOGETHER_API_KEY", "GROQ_API_KEY", "OPENROUTER_API_KEY", "XAI_API_KEY",
        "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "GEMINI_BASE_URL",
    ];

    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private readonly string workingDirectory;

    private CliProcess(Process process, string workingDirectory)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
    }

    public string Stdout { get { lock (stdout) return stdout.ToString(); } }
    public string Stderr { get { lock (stderr) return stderr.ToString(); } }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <param name="workingDirectory">A temp folder of the test's own; deleted when the process is disposed.</param>
    public static CliProcess Start(string workingDirectory, params string[] args) =>
        StartProcess("dotnet", [Path.Combine(AppContext.BaseDirectory, "switchyard.dll"), .. args], workingDirectory);

    /// <summary>The same, for a native executable of the CLI (<see cref="NativeExecutable"/>).</summary>
    public static CliProcess StartExecutable(string executable, string workingDirectory, params string[] args) =>
        StartProcess(executable, args, workingDirectory);

    /// <summary>A bash script of the repository (bench/peers), with variables of the test's own added to its environment.</summary>
    public static CliProcess StartScript(string script, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartProcess("bash", [script, .. args], workingDirectory, environment);

    private static CliProcess StartProcess(string fileName, string[] args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var v in ProviderVariables) info.Environment.Remove(v);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var cli = new CliProcess(new Process { StartInfo = info }, workingDirectory);
        cli.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (cli.stdout) cli.stdout.AppendLine(e.Data); };
        cli.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (cli.stderr) cli.stderr.AppendLine(e.Data); };
        cli.process.Start();
        cli.process.BeginOutputReadLine();
        cli.process.BeginErrorReadLine();
        return cli;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls GET /health until it answers 200, the process exits, or the time is up.</summary>
    public async Task<bool> WaitForHealthAsync(Uri baseAddress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    /// <summary>Sends SIGTERM, as a process manager would, and waits for the exit.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        process.Dispose();
        try { Directory.Delete(workingDirectory, recursive: true); }
        catch (IOException) { } // best effort: it is a temp folder
    }
}
