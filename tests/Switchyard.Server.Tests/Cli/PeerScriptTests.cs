using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>
/// bench/peers/nginx.sh, the script that measures a reverse proxy's floor with the harness (test.sh
/// installs nginx): it must start nginx and a simulator on loopback, measure the nginx worker through
/// `switchyard bench` and leave nothing running. (bench/peers/portkey.sh downloads Portkey from npm, so
/// it is run by hand, not here.)
/// </summary>
public class PeerScriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_nginx_script_measures_the_nginx_worker_in_front_of_a_simulator_and_cleans_up()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-peer-test-").FullName;
        var json = Path.Combine(dir, "nginx.json");
        var nginxPort = CliProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["SWITCHYARD_CLI"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "switchyard.dll")}", // this build, not ./switchyard's
            ["NGINX_PORT"] = nginxPort.ToString(),
            ["SIMULATOR_PORT"] = CliProcess.FreePort().ToString(),
        };

        await using var script = CliProcess.StartScript(Path.Combine(NativeExecutable.RepositoryRoot(), "bench", "peers", "nginx.sh"), dir, environment,
            "--duration", "1", "--rates", "40", "--no-saturation", "--mode", "non-streaming", "--warmup", "20", "--json", json);
        Assert.True(await script.WaitForExitAsync(TimeSpan.FromMinutes(3)), "nginx.sh did not finish: " + script.Stdout + script.Stderr);

        Assert.True(script.ExitCode == 0, script.Stdout + script.Stderr);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct));
        var phases = report.RootElement.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["direct", "target"], phases.Select(p => p.GetProperty("target").GetString()));
        Assert.All(phases, p => Assert.Equal(0, p.GetProperty("errors").GetDouble()));
        var nginx = phases[1];
        Assert.True(nginx.GetProperty("ok").GetDouble() >= 36, nginx.ToString());
        Assert.True(nginx.TryGetProperty("added_p50_ms", out _), nginx.ToString());
        Assert.True(nginx.GetProperty("cpu_seconds").GetDouble() >= 0, nginx.ToString()); // the worker's /proc was read
        Assert.True(nginx.GetProperty("rss_mb").GetDouble() > 0, nginx.ToString());
        // Its scratch folder (config, logs) is gone, and nothing listens on its port any more.
        Assert.DoesNotContain(Directory.GetDirectories("/tmp", "switchyard-nginx-*"),
            d => File.Exists(Path.Combine(d, "nginx.conf")) && File.ReadAllText(Path.Combine(d, "nginx.conf")).Contains($"127.0.0.1:{nginxPort};"));
        Assert.False(Listening(nginxPort), "nginx is still listening after the script ended");
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
