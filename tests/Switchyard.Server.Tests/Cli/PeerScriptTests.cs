using System.Diagnostics;
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
        var root = NativeExecutable.RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("switchyard-peer-test-").FullName;
        var json = Path.Combine(folder, "nginx.json");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(root, "bench", "peers", "nginx.sh"), "--duration", "1", "--rates", "40", "--no-saturation",
                     "--mode", "non-streaming", "--warmup", "20", "--json", json })
            info.ArgumentList.Add(arg);
        info.Environment["SWITCHYARD_CLI"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "switchyard.dll")}";
        info.Environment["NGINX_PORT"] = FreePort().ToString();
        info.Environment["SIMULATOR_PORT"] = FreePort().ToString();

        using var script = Process.Start(info)!;
        var output = script.StandardOutput.ReadToEndAsync(Ct);
        var errors = script.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await script.WaitForExitAsync(timeout.Token);

        Assert.True(script.ExitCode == 0, await output + await errors);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct));
        Directory.Delete(folder, recursive: true);
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
            d => File.Exists(Path.Combine(d, "nginx.conf")) && File.ReadAllText(Path.Combine(d, "nginx.conf")).Contains($"127.0.0.1:{info.Environment["NGINX_PORT"]};"));
        Assert.False(NginxRunningOn(info.Environment["NGINX_PORT"]!), "nginx is still listening after the script ended");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool NginxRunningOn(string port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, int.Parse(port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
