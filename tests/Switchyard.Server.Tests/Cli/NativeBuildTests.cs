using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Server.Tests.Keys;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>
/// The Native AOT executable (`SWITCHYARD_BUILD=native ./switchyard`), run as a user runs it. Trimming
/// and AOT compilation can break what the JIT tests never see: reflection over config records, generic
/// types made at run time, native libraries (SQLite), so this runs the real executable through a config
/// that sets every kind of setting, the SDK's calls, the admin API, the request log and the bench harness.
/// </summary>
public class NativeBuildTests(NativeExecutable native) : IClassFixture<NativeExecutable>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every config section, and every kind of value YamlDotNet must set: strings, longs, doubles,
    /// decimals, nullable ints, booleans, string lists and maps, records in lists and maps, and free-form params.</summary>
    private static string FullConfig(string dataDir) => $$"""
        server:
          data_dir: {{dataDir}}
          max_request_body_bytes: 2097152
          request_timeout_seconds: 120.5
        providers:
          sim-openai:
            kind: openai
            base_url: simulator
            api_key: sk-native-test
            headers: { x-native-test: "yes" }
          sim-claude:
            kind: anthropic
            base_url: simulator
        models:
          small:
            deployments:
              - provider: sim-openai
                model: gpt-4.1-mini
                input_price_per_million: 0.40
                output_price_per_million: 1.60
                cached_input_price_per_million: 0.10
                context_window: 1047576
                max_output_tokens: 32768
                capabilities: [tools, json_schema]
                tags: [no-training]
                tier: 3
          large:
            deployments:
              - { provider: sim-claude, model: claude-sonnet-4-5, catalog_id: claude-sonnet-4-5 }
        routes:
          smart:
            models: [small, large]
            policy: rules
            params:
              rules:
                - name: legal-to-large
                  when: { "header.x-team": { $eq: legal } }
                  then: large
                - name: contracts
                  when: { text: { $regex: "(?i)\\bcontract\\b" } }
                  then: large
              default: small
            max_fallbacks: 1
            session_affinity: false
          split:
            models: [small, large]
            policy: weighted
            params: { weights: { small: 3, large: 1 } }
            split: { percent: 50, policy: fixed, by: request }
        routing:
          pii: { enabled: true, tag: no-training }
          session_affinity_minutes: 10
        resilience:
          max_retries: 1
          retry_base_delay_ms: 50
          circuit_breaker: { enabled: true, failure_ratio: 0.6, min_throughput: 20 }
          statistics: { window_seconds: 30, adaptive_weights: false }
        health_checks: { enabled: false, interval_seconds: 45 }
        pricing: { refresh_interval_minutes: 120 }
        accounting: { baseline_model: large, expected_output_tokens: 300 }
        simulator: { enabled: true }
        request_log:
          flush_interval_ms: 20
          redact: [pii, "secret-[0-9]+"]
          queue_capacity: 5000
          on_full: serve
        telemetry:
          otlp_headers: { x-tenant: native }
          service_name: switchyard-native
        auth:
          require_keys: false
          budget_warning_percent: 75.5
          sync_interval_seconds: 0.5
        """;

    [Fact]
    public async Task Serves_a_config_that_uses_every_kind_of_setting_and_logs_every_request()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-native-").FullName;
        var dataDir = Path.Combine(dir, "data");
        var config = Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "config")).FullName, "gateway.yaml");
        await File.WriteAllTextAsync(config, FullConfig(dataDir), Ct);
        var address = new Uri($"http://127.0.0.1:{CliProcess.FreePort()}");
        await using var cli = CliProcess.StartExecutable(native.Path, dir, "serve", "--config", config, "--urls", address.ToString());
        Assert.True(await cli.WaitForHealthAsync(address, TimeSpan.FromSeconds(30), Ct), "no /health; stderr: " + cli.Stderr + cli.Stdout);

        // The OpenAI SDK, non-streaming: no rule matches, so the route's default model answers.
        var client = new OpenAIClient(new ApiKeyCredential("sk-any"), new OpenAIClientOptions { Endpoint = new Uri(address, "/v1") });
        var answer = await client.GetChatClient("smart").CompleteChatAsync([new UserChatMessage("Hello from the native build")], cancellationToken: Ct);
        Assert.False(string.IsNullOrWhiteSpace(answer.Value.Content[0].Text));
        Assert.Equal("smart", ResponseHeaders.Get(answer, "x-switchyard-route"));
        Assert.Equal("gpt-4.1-mini", ResponseHeaders.Get(answer, "x-switchyard-model"));

        // A rule from the nested params (a list of maps of maps) decides on a header...
        using var http = new HttpClient { BaseAddress = address };
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions"))
        {
            request.Headers.Add("x-team", "legal");
            request.Content = new StringContent("""{"model":"smart","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, Ct);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal("smart:legal-to-large", ResponseHeaders.Get(response, "x-switchyard-route"));
            Assert.Equal("claude-sonnet-4-5", ResponseHeaders.Get(response, "x-switchyard-model"));
        }
        // ...and one on a regular expression, which the native build interprets (it cannot compile one at run time).
        var contract = await client.GetChatClient("smart").CompleteChatAsync([new UserChatMessage("Review this Contract, please")], cancellationToken: Ct);
        Assert.Equal("smart:contracts", ResponseHeaders.Get(contract, "x-switchyard-route"));

        // The SDK, streaming, through the A/B split route.
        var text = new StringBuilder();
        await foreach (var update in client.GetChatClient("split").CompleteChatStreamingAsync([new UserChatMessage("Stream, please")], cancellationToken: Ct))
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));

        // The admin API shows the routes as the file set them.
        using (var routes = JsonDocument.Parse(await http.GetStringAsync("/admin/v1/routes", Ct)))
        {
            var byName = routes.RootElement.GetProperty("data").EnumerateArray().ToDictionary(r => r.GetProperty("route").GetString()!);
            Assert.Equal("legal-to-large", byName["smart"].GetProperty("params").GetProperty("rules")[0].GetProperty("name").GetString());
            Assert.Equal(50, byName["split"].GetProperty("split").GetProperty("percent").GetDouble());
            Assert.Equal("request", byName["split"].GetProperty("split").GetProperty("by").GetString());
        }
        Assert.Contains("switchyard_requests_total", await http.GetStringAsync("/metrics", Ct));

        Assert.True(await cli.TerminateAsync(TimeSpan.FromSeconds(20)), "the gateway did not stop on SIGTERM");
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(4, await LoggedRequestsAsync(Path.Combine(dataDir, "requests.db")));
    }

    [Fact]
    public async Task Keeps_keys_and_the_request_log_in_postgresql()
    {
        var postgres = await KeyTestPostgres.FreshSchemaAsync();
        var dir = Directory.CreateTempSubdirectory("switchyard-native-pg-").FullName;
        var config = Path.Combine(Directory.CreateDirectory(Path.Combine(dir, "config")).FullName, "gateway.yaml");
        await File.WriteAllTextAsync(config, $$"""
            server: { data_dir: {{Path.Combine(dir, "data")}} }
            providers: { sim: { kind: openai, base_url: simulator } }
            models: { small: { deployments: [{ provider: sim, model: gpt-4.1-mini }] } }
            request_log: { postgres: "{{postgres}}", flush_interval_ms: 20 }
            auth: { postgres: "{{postgres}}", require_keys: true }
            """, Ct);
        var address = new Uri($"http://127.0.0.1:{CliProcess.FreePort()}");
        await using var cli = CliProcess.StartExecutable(native.Path, dir, "serve", "--config", config, "--urls", address.ToString());
        Assert.True(await cli.WaitForHealthAsync(address, TimeSpan.FromSeconds(30), Ct), "no /health; stderr: " + cli.Stderr + cli.Stdout);

        using var http = new HttpClient { BaseAddress = address };
        using var created = await http.PostAsync("/admin/v1/keys", new StringContent("""{"project":"native","name":"pg"}""", Encoding.UTF8, "application/json"), Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        var client = new OpenAIClient(new ApiKeyCredential(key.RootElement.GetProperty("key").GetString()!), new OpenAIClientOptions { Endpoint = new Uri(address, "/v1") });
        var answer = await client.GetChatClient("small").CompleteChatAsync([new UserChatMessage("Hello, PostgreSQL")], cancellationToken: Ct);
        var id = ResponseHeaders.Get(answer, "x-request-id");

        Assert.True(await cli.TerminateAsync(TimeSpan.FromSeconds(20)), "the gateway did not stop on SIGTERM");
        Assert.Equal(0, cli.ExitCode);
        await using var connection = new Npgsql.NpgsqlConnection(postgres);
        await connection.OpenAsync(Ct);
        await using var query = new Npgsql.NpgsqlCommand("SELECT project FROM request_log WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", id!);
        Assert.Equal("native", await query.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_bad_config_stops_start_up_with_the_same_message_as_the_jit_build()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-native-bad-").FullName;
        var config = Path.Combine(dir, "gateway.yaml");
        await File.WriteAllTextAsync(config, """
            providers:
              main: { kind: openai, base_url: "ftp://nowhere" }
            models:
              m: { deployments: [{ provider: ghost, tier: lots }] }
            """, Ct);
        await using var cli = CliProcess.StartExecutable(native.Path, dir, "serve", "--config", config, "--urls", $"http://127.0.0.1:{CliProcess.FreePort()}");

        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(config, cli.Stderr);
        Assert.Contains("line 4", cli.Stderr); // 'lots' is no integer: YamlDotNet's error, with its position
        Assert.DoesNotContain("   at ", cli.Stderr);
    }

    [Fact]
    public async Task The_bench_harness_runs_and_measures_native_processes()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-native-bench-").FullName;
        var json = Path.Combine(dir, "bench.json");
        await using var cli = CliProcess.StartExecutable(native.Path, dir,
            "bench", "--json", json, "--mode", "non-streaming", "--duration", "1", "--rates", "50", "--connections", "2", "--warmup", "20");
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(120)), "bench did not finish: " + cli.Stdout + cli.Stderr);
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct));
        Assert.Contains("Native AOT build", report.RootElement.GetProperty("gateway").GetString());
        var gatewayPhases = report.RootElement.GetProperty("phases").EnumerateArray().Where(p => p.GetProperty("target").GetString() == "gateway").ToList();
        Assert.Equal(2, gatewayPhases.Count); // the rate and saturation
        foreach (var phase in gatewayPhases)
        {
            Assert.Equal(0, phase.GetProperty("errors").GetDouble());
            Assert.True(phase.GetProperty("ok").GetDouble() > 0, phase.ToString());
            Assert.True(phase.GetProperty("rss_mb").GetDouble() > 0, phase.ToString()); // read from the native process's /proc
        }
    }

    private static async Task<long> LoggedRequestsAsync(string database)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM request_log";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
