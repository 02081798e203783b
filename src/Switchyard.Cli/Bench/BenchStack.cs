using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Switchyard.Cli.Bench;

/// <summary>
/// The system under test, as real processes on loopback: `switchyard simulator` and `switchyard
/// serve` in front of it with the full pipeline on (auth.require_keys and a virtual key, a routed
/// cheapest-capable route, the SQLite request log), in a temp folder deleted afterwards.
/// </summary>
public sealed class BenchStack : IAsyncDisposable
{
    /// <summary>The route the load is sent to through the gateway: routing (classifier, filters, policy) runs on every request.</summary>
    public const string Route = "bench";
    /// <summary>The model the same load asks of the simulator directly.</summary>
    public const string DirectModel = "gpt-4.1-mini";
    /// <summary>The simulator wants a bearer key, as OpenAI does, but accepts any.</summary>
    public const string SimulatorKey = "sk-bench-simulator-needs-no-key";

    private readonly string folder;

    private BenchStack(string folder, ChildProcess simulator, ChildProcess gateway, Uri simulatorUrl, Uri gatewayUrl, string apiKey)
    {
        this.folder = folder;
        Simulator = simulator;
        Gateway = gateway;
        SimulatorUrl = simulatorUrl;
        GatewayUrl = gatewayUrl;
        ApiKey = apiKey;
    }

    public ChildProcess Simulator { get; }
    public ChildProcess Gateway { get; }
    public Uri SimulatorUrl { get; }
    public Uri GatewayUrl { get; }
    public string ApiKey { get; }

    public static async Task<BenchStack> StartAsync(int simulatorLatencyMs, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("switchyard-bench-").FullName;
        ChildProcess? simulator = null, gateway = null;
        try
        {
            var simulatorUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
            simulator = ChildProcess.StartCli(Path.Combine(folder, "simulator.log"), folder, "simulator", "--urls", simulatorUrl.ToString().TrimEnd('/'));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await WaitUntilAsync(http, new Uri(simulatorUrl, "_sim/stats"), simulator, "simulator", cancellationToken);
            if (simulatorLatencyMs > 0)
            {
                using var put = await http.PutAsync(new Uri(simulatorUrl, "_sim/default"), new StringContent(
                    $$"""{"timeToFirstTokenMs":{{simulatorLatencyMs.ToString(CultureInfo.InvariantCulture)}}}""", Encoding.UTF8, "application/json"), cancellationToken);
                put.EnsureSuccessStatusCode();
            }

            // The config in a folder of its own: the gateway watches that folder for changes, and the
            // log files written beside it would wake the watcher on every line.
            var config = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "config")).FullName, "gateway.yaml");
            await File.WriteAllTextAsync(config, GatewayConfig(Path.Combine(folder, "data"), simulatorUrl), cancellationToken);
            var gatewayUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
            gateway = ChildProcess.StartCli(Path.Combine(folder, "gateway.log"), folder, "serve", "--config", config, "--urls", gatewayUrl.ToString().TrimEnd('/'));
            await WaitUntilAsync(http, new Uri(gatewayUrl, "health"), gateway, "gateway", cancellationToken);
            var apiKey = await CreateKeyAsync(http, gatewayUrl, cancellationToken);
            return new BenchStack(folder, simulator, gateway, simulatorUrl, gatewayUrl, apiKey);
        }
        catch
        {
            if (gateway is not null) await gateway.DisposeAsync();
            if (simulator is not null) await simulator.DisposeAsync();
            TryDelete(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
        TryDelete(folder);
    }

    private static string GatewayConfig(string dataDir, Uri simulatorUrl) => $"""
        server:
          data_dir: {dataDir}
        providers:
          sim:
            kind: openai
            base_url: {simulatorUrl}v1
            api_key: {SimulatorKey}
        models:
          gpt-4.1-mini:
            deployments: [{"{"} provider: sim {"}"}]
          gpt-4o-mini:
            deployments: [{"{"} provider: sim {"}"}]
        routes:
          {Route}:
            models: [gpt-4.1-mini, gpt-4o-mini]
            policy: cheapest-capable
        auth:
          require_keys: true
        """;

    private static async Task<string> CreateKeyAsync(HttpClient http, Uri gatewayUrl, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(gatewayUrl, "admin/v1/keys"),
            new StringContent("""{"project":"bench","name":"load"}""", Encoding.UTF8, "application/json"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new BenchException($"The gateway refused to create a virtual key ({(int)response.StatusCode}): {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("key").GetString() ?? throw new BenchException("The gateway's new key had no 'key'.");
    }

    private static async Task WaitUntilAsync(HttpClient http, Uri probe, ChildProcess process, string name, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new BenchException($"The {name} exited on start:{Environment.NewLine}{process.Tail()}");
            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new BenchException($"The {name} did not answer {probe} within 90 s:{Environment.NewLine}{process.Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { } // best effort: a temp folder
    }
}

/// <summary>The harness could not set up or reach what it measures; the message says what and why.</summary>
public sealed class BenchException(string message) : Exception(message);
