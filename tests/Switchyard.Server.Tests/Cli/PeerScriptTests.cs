using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>
/// The scripts that measure a peer with the harness: bench/peers/nginx.sh (a reverse proxy's floor; test.sh
/// installs nginx) and bench/peers/dotnet-proxy.sh (the floor for a .NET gateway: Kestrel and HttpClient with
/// nothing on top). Each must start its peer and a simulator on loopback, measure the peer's process through
/// `switchyard bench` and leave nothing running. (bench/peers/portkey.sh downloads Portkey from npm, so it
/// is run by hand, not here.)
/// </summary>
public class PeerScriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly DateTime startedAt = DateTime.UtcNow;

    [Fact]
    public async Task The_nginx_script_measures_the_nginx_worker_in_front_of_a_simulator_and_cleans_up()
    {
        var nginxPort = CliProcess.FreePort();
        var phases = await RunScriptAsync("nginx.sh", new Dictionary<string, string> { ["NGINX_PORT"] = nginxPort.ToString() }, "non-streaming");

        Assert.Equal(["direct", "target"], phases.Select(p => p.GetProperty("target").GetString()));
        // Its scratch folder (config, logs) is gone, and nothing listens on its port any more.
        Assert.DoesNotContain(Directory.GetDirectories("/tmp", "switchyard-nginx-*"),
            d => File.Exists(Path.Combine(d, "nginx.conf")) && File.ReadAllText(Path.Combine(d, "nginx.conf")).Contains($"127.0.0.1:{nginxPort};"));
        Assert.False(Listening(nginxPort), "nginx is still listening after the script ended");
    }

    [Fact]
    public async Task The_minimal_proxy_script_measures_a_bare_dotnet_proxy_on_both_kinds_of_request_and_cleans_up()
    {
        var proxyPort = CliProcess.FreePort();
        var phases = await RunScriptAsync("dotnet-proxy.sh", new Dictionary<string, string> { ["PROXY_PORT"] = proxyPort.ToString() }, "both");

        // A plain answer and a stream each went through the proxy to the simulator and back, with no error.
        Assert.Equal(["non-stream @40/s", "non-stream @40/s", "stream @40/s", "stream @40/s"], phases.Select(p => p.GetProperty("phase").GetString()));
        Assert.Equal(["direct", "target", "direct", "target"], phases.Select(p => p.GetProperty("target").GetString()));
        Assert.True(phases[3].GetProperty("ttft_p50_ms").GetDouble() > 0, phases[3].ToString());
        Assert.False(Listening(proxyPort), "the minimal proxy is still listening after the script ended");
        // Its scratch folder (the build, the logs) is gone.
        Assert.DoesNotContain(Directory.GetDirectories("/tmp", "switchyard-minimal-proxy-*"), d => Directory.GetLastWriteTimeUtc(d) >= startedAt);
    }

    /// <summary>
    /// Runs bench/peers/SCRIPT at 40 req/s for a second per phase and returns the report's phases, each checked:
    /// no error, the requests answered, the peer's process measured through /proc.
    /// </summary>
    private static async Task<List<JsonElement>> RunScriptAsync(string script, Dictionary<string, string> environment, string mode)
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-peer-test-").FullName;
        var json = Path.Combine(dir, "report.json");
        environment["SWITCHYARD_CLI"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "switchyard.dll")}"; // this build, not ./switchyard's
        environment["SIMULATOR_PORT"] = CliProcess.FreePort().ToString();

        await using var process = CliProcess.StartScript(Path.Combine(NativeExecutable.RepositoryRoot(), "bench", "peers", script), dir, environment,
            "--duration", "1", "--rates", "40", "--no-saturation", "--mode", mode, "--warmup", "20", "--json", json);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(3)), script + " did not finish: " + process.Stdout + process.Stderr);

        Assert.True(process.ExitCode == 0, process.Stdout + process.Stderr);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct));
        Directory.Delete(dir, recursive: true);
        var phases = report.RootElement.GetProperty("phases").EnumerateArray().Select(p => p.Clone()).ToList();
        Assert.All(phases, p => Assert.Equal(0, p.GetProperty("errors").GetDouble()));
        foreach (var peer in phases.Where(p => p.GetProperty("target").GetString() == "target"))
        {
            Assert.True(peer.GetProperty("ok").GetDouble() >= 36, peer.ToString());
            Assert.True(peer.TryGetProperty("added_p50_ms", out _), peer.ToString());
            Assert.True(peer.GetProperty("cpu_seconds").GetDouble() >= 0, peer.ToString()); // the peer's /proc was read
            Assert.True(peer.GetProperty("rss_mb").GetDouble() > 0, peer.ToString());
        }
        return phases;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
