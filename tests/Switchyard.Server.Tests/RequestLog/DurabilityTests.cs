using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Switchyard.Server.Tests.Support;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>
/// The README's durability promises, against the real `switchyard serve` process: SIGTERM loses no
/// answered request; kill -9 loses at most the flush interval; with flush_interval_ms 0, nothing.
/// </summary>
public sealed class DurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(CliProcess Cli, Uri Address, string DataDir)> StartAsync(int flushIntervalMs)
    {
        var dir = Directory.CreateTempSubdirectory("sy-durability-").FullName;
        var dataDir = Path.Combine(dir, "data");
        var config = Path.Combine(dir, "gateway.yaml");
        await File.WriteAllTextAsync(config, $"""
            server:
              data_dir: {dataDir}
            providers:
              sim-openai: {"{"} kind: openai, base_url: simulator {"}"}
            models:
              gpt-4.1-mini:
                deployments: [{"{"} provider: sim-openai {"}"}]
            request_log:
              flush_interval_ms: {flushIntervalMs}
            """, Ct);
        var address = new Uri($"http://127.0.0.1:{CliProcess.FreePort()}");
        var cli = CliProcess.Start(dir, "serve", "--config", config, "--urls", address.ToString());
        Assert.True(await cli.WaitForHealthAsync(address, TimeSpan.FromSeconds(60), Ct), "no /health; stderr: " + cli.Stderr);
        return (cli, address, dataDir);
    }

    private static async Task<string> ChatAsync(HttpClient http, int i)
    {
        var stream = i % 3 == 0 ? "true" : "false";
        using var response = await http.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"gpt-4.1-mini","stream":{{stream}},"max_tokens":8,"messages":[{"role":"user","content":"durability {{i}}"}]}""",
            Encoding.UTF8, "application/json"), Ct);
        await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"request {i}: {(int)response.StatusCode}");
        return response.Headers.GetValues("x-request-id").Single();
    }

    private static async Task<HashSet<string>> StoredIdsAsync(string dataDir)
    {
        await using var store = SqliteRequestLogStore.InDataDir(dataDir);
        await store.MigrateAsync(Ct);
        var ids = new HashSet<string>();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Path}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM request_log";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) ids.Add(reader.GetString(0));
        return ids;
    }

    [Fact]
    public async Task Sigterm_loses_no_answered_request()
    {
        // A flush interval far longer than the test: only the drain on shutdown can write the rows.
        var (cli, address, dataDir) = await StartAsync(flushIntervalMs: 600_000);
        await using (cli)
        {
            using var http = new HttpClient { BaseAddress = address };
            var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => ChatAsync(http, i)));
            Assert.True(await cli.TerminateAsync(TimeSpan.FromSeconds(30)), "the gateway did not stop on SIGTERM");
            Assert.Equal(0, cli.ExitCode);
            var stored = await StoredIdsAsync(dataDir);
            Assert.Equal([], ids.Where(id => !stored.Contains(id)).ToArray());
        }
    }

    [Fact]
    public async Task Kill_9_loses_at_most_the_flush_interval()
    {
        const int flushMs = 200;
        const int slackMs = 150; // the batch's commit after the interval, on a loaded machine
        var (cli, address, dataDir) = await StartAsync(flushMs);
        await using (cli)
        {
            using var http = new HttpClient { BaseAddress = address };
            for (var i = 0; i < 5; i++) await ChatAsync(http, -1 - i); // warm up: the first requests are slow, later ones fast
            var answered = new List<(string Id, long At)>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; clock.ElapsedMilliseconds < 1_500; i++)
            {
                answered.Add((await ChatAsync(http, i), clock.ElapsedMilliseconds));
                await Task.Delay(10, Ct); // paced, so most answers are older than the flush interval at the kill
            }
            using (var process = Process.GetProcessById(cli.Id)) process.Kill(); // SIGKILL, right after the last answer
            var killedAt = clock.ElapsedMilliseconds;
            Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(10)));

            var stored = await StoredIdsAsync(dataDir);
            var lost = answered.Where(a => !stored.Contains(a.Id)).ToList();
            var old = answered.Where(a => killedAt - a.At > flushMs + slackMs).ToList();
            TestContext.Current.SendDiagnosticMessage($"kill -9: {answered.Count} answered, {old.Count} older than {flushMs + slackMs} ms, {lost.Count} lost ({string.Join(", ", lost.Select(a => killedAt - a.At))} ms before the kill)");
            Assert.True(old.Count >= 10, $"only {old.Count} answers were older than the window: the test proves nothing");
            Assert.All(lost, a => Assert.True(killedAt - a.At <= flushMs + slackMs, $"{a.Id} answered {killedAt - a.At} ms before the kill was lost"));
        }
    }

    [Fact]
    public async Task Kill_9_with_flush_interval_0_loses_nothing()
    {
        var (cli, address, dataDir) = await StartAsync(flushIntervalMs: 0);
        await using (cli)
        {
            using var http = new HttpClient { BaseAddress = address };
            var ids = new List<string>();
            for (var i = 0; i < 30; i++) ids.Add(await ChatAsync(http, i));
            using (var process = Process.GetProcessById(cli.Id)) process.Kill();
            Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(10)));
            var stored = await StoredIdsAsync(dataDir);
            Assert.Equal([], ids.Where(id => !stored.Contains(id)).ToArray());
        }
    }
}
