using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Tests.Keys;

/// <summary>A gateway of a test's own (its own data folder, so keys never leak into other tests' gateways) and admin helpers.</summary>
public sealed class KeyTestGateway : IAsyncDisposable
{
    public const string AdminKey = "sya-admin-7c1f0e2d9b";

    public static string Yaml(string dataDir, string extra = "") => $$"""
        server:
          data_dir: {{dataDir}}
        providers:
          sim: { kind: openai, base_url: simulator }
        models:
          gpt-4.1-mini:
            deployments: [{ provider: sim, input_price_per_million: 0.40, output_price_per_million: 1.60 }]
          gpt-4.1:
            deployments: [{ provider: sim, input_price_per_million: 2.00, output_price_per_million: 8.00 }]
          text-embedding-3-small:
            deployments: [{ provider: sim, input_price_per_million: 0.02, output_price_per_million: 0 }]
        routes:
          split:
            models: [gpt-4.1-mini, gpt-4.1]
            policy: weighted
            params: { weights: { gpt-4.1-mini: 1, gpt-4.1: 0 } }
        health_checks: { enabled: false }
        request_log: { enabled: false }
        {{extra}}
        """;

    private KeyTestGateway(RunningGateway gateway, string dataDir, bool ownsDir)
    {
        Gateway = gateway;
        DataDir = dataDir;
        this.ownsDir = ownsDir;
        Http = new HttpClient { BaseAddress = gateway.BaseAddress };
        Admin = new HttpClient { BaseAddress = gateway.BaseAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    private readonly bool ownsDir;
    public RunningGateway Gateway { get; }
    public string DataDir { get; }
    public HttpClient Http { get; }
    public HttpClient Admin { get; }

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "sy-keytest-" + Guid.NewGuid().ToString("N"));

    public static async Task<KeyTestGateway> StartAsync(string? yaml = null, string? dataDir = null, TimeProvider? time = null,
        Dictionary<string, string>? environment = null, string configSource = "test config", bool keepDir = false)
    {
        var dir = dataDir ?? NewDataDir();
        var env = new Dictionary<string, string>(environment ?? []) { ["SWITCHYARD_ADMIN_KEY"] = AdminKey };
        var config = ConfigLoader.Parse(yaml ?? Yaml(dir), configSource);
        var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, configSource)
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Time = time ?? TimeProvider.System,
            Environment = name => env.GetValueOrDefault(name),
        });
        return new KeyTestGateway(gateway, dir, ownsDir: dataDir is null && !keepDir);
    }

    /// <summary>POST /admin/v1/keys; returns the id and the key (shown this once).</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string json = """{"project":"shop"}""")
    {
        using var response = await Admin.PostAsync("/admin/v1/keys", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var doc = JsonDocument.Parse(body);
        return (doc.RootElement.GetProperty("id").GetString()!, doc.RootElement.GetProperty("key").GetString()!);
    }

    public static Task<HttpResponseMessage> ChatAsync(HttpClient http, string? key, string model = "gpt-4.1-mini", string extra = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Say hello."}]{{extra}}}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("error").GetProperty("code").GetString();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await Gateway.DisposeAsync();
        if (ownsDir) try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The PostgreSQL test.sh starts (SWITCHYARD_TEST_POSTGRES): skipped without it, failed under CI=true.</summary>
public static class KeyTestPostgres
{
    public static async Task<string> FreshSchemaAsync()
    {
        var value = Environment.GetEnvironmentVariable("SWITCHYARD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(value))
        {
            const string message = "SWITCHYARD_TEST_POSTGRES is not set: PostgreSQL tests need a server (./test.sh installs and starts one and sets it).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
            Assert.Skip(message);
        }
        var schema = "sy_keys_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(value))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(value) { SearchPath = schema }.ConnectionString;
    }
}
