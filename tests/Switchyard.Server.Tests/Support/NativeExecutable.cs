using System.Diagnostics;

namespace Switchyard.Server.Tests.Support;

/// <summary>
/// The Native AOT executable of the CLI, built the way users build it: `SWITCHYARD_BUILD=native
/// ./switchyard` at the repository root, which publishes artifacts/native/switchyard when it is missing
/// or older than the sources (test.sh builds it before the tests, so here it is normally up to date).
/// </summary>
public sealed class NativeExecutable : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);

    public string Path { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var root = RepositoryRoot();
        var info = new ProcessStartInfo(System.IO.Path.Combine(root, "switchyard"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        info.ArgumentList.Add("--version");
        info.Environment["SWITCHYARD_BUILD"] = "native";
        using var build = Process.Start(info)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        await build.WaitForExitAsync(timeout.Token);
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"SWITCHYARD_BUILD=native ./switchyard failed ({build.ExitCode}): {await output}{await errors}");
        Path = System.IO.Path.Combine(root, "artifacts", "native", "switchyard");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The folder holding Switchyard.slnx, above the tests' build output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Switchyard.slnx"))) return dir.FullName;
        throw new InvalidOperationException("no Switchyard.slnx above " + AppContext.BaseDirectory);
    }
}
