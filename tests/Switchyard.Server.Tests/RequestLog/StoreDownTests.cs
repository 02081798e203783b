using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>
/// A PostgreSQL store that goes down never takes the gateway down: rows wait in the spill file and
/// are written when it is back; with the spill file full, fail closed answers 503 and serve drops
/// rows, counted. The database is real (SWITCHYARD_TEST_POSTGRES, started by test.sh) behind a relay the test cuts.
/// </summary>
public sealed class StoreDownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PostgresOrSkip()
    {
        var value = Environment.GetEnvironmentVariable("SWITCHYARD_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var message = "SWITCHYARD_TEST_POSTGRES is not set: these tests need PostgreSQL (./test.sh installs and starts one and sets it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Skip(message);
        return "";
    }

    private sealed class Setup : IAsyncDisposable
    {
        public required TcpRelay Relay { get; init; }
        public required RunningGateway Gateway { get; init; }
        public required PostgresRequestLogStore Direct { get; init; }
        public required string DataDir { get; init; }
        public HttpClient Http => field ??= new HttpClient { BaseAddress = Gateway.BaseAddress };
        public RequestLogWriter Writer => Gateway.Services.GetRequiredService<RequestLogWriter>();

        public async Task<(HttpStatusCode Status, string Id, string Body)> ChatAsync(string text)
        {
            using var response = await Http.PostAsync("/v1/chat/completions", new StringContent(
                $$"""{"model":"{{GatewayFixture.OpenAIModel}}","max_tokens":8,"messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json"), Ct);
            return (response.StatusCode, response.Headers.GetValues("x-request-id").Single(), await response.Content.ReadAsStringAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Gateway.DisposeAsync();
            await Relay.DisposeAsync();
            await Direct.DisposeAsync();
            try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<Setup> StartAsync(string onFull, long spillMaxBytes)
    {
        var baseString = PostgresOrSkip();
        var schema = "sy_down_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(baseString))
        {
            await c.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            await create.ExecuteNonQueryAsync(Ct);
        }
        var real = new NpgsqlConnectionStringBuilder(baseString);
        var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, real.Port), CliProcess.FreePort());
        relay.Start();
        var viaRelay = new NpgsqlConnectionStringBuilder(baseString) { Host = "127.0.0.1", Port = relay.Port, SearchPath = schema, Pooling = false, Timeout = 2 };
        var dataDir = Directory.CreateTempSubdirectory("sy-storedown-").FullName;
        var yaml = RequestLogGateway.Yaml(dataDir, $"""
            request_log:
              postgres: "env:SY_TEST_REQUEST_LOG_PG"
              flush_interval_ms: 20
              spill_max_bytes: {spillMaxBytes}
              on_full: {onFull}
            """);
        var environment = new Dictionary<string, string> { ["SY_TEST_REQUEST_LOG_PG"] = viaRelay.ConnectionString };
        var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(ConfigLoader.Parse(yaml, "store down test"), "store down test")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Environment = name => environment.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name),
        });
        var direct = new PostgresRequestLogStore(new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ConnectionString);
        return new Setup { Relay = relay, Gateway = gateway, Direct = direct, DataDir = dataDir };
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting: " + what);
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task Rows_spill_while_postgres_is_down_and_are_written_when_it_is_back()
    {
        await using var s = await StartAsync("fail_closed", 64 * 1024 * 1024);
        var first = await s.ChatAsync("before the outage");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        await s.Writer.FlushAsync(Ct);
        Assert.NotNull(await s.Direct.FindAsync(first.Id, Ct));

        s.Relay.Stop();
        var during = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var r = await s.ChatAsync($"during the outage {i}");
            Assert.Equal(HttpStatusCode.OK, r.Status); // the gateway keeps serving
            during.Add(r.Id);
        }
        await s.Writer.FlushAsync(Ct);
        Assert.True(s.Writer.StoreIsDown);
        Assert.True(s.Writer.Counters.RowsSpilled >= 10);
        Assert.True(new FileInfo(Path.Combine(s.DataDir, "spill", "request-log.jsonl")).Length > 0);

        s.Relay.Start();
        await EventuallyAsync(async () => await s.Direct.CountAsync(Ct) == 11, "spilled rows written to PostgreSQL");
        foreach (var id in during) Assert.NotNull(await s.Direct.FindAsync(id, Ct));
        Assert.Equal(0, s.Writer.Counters.RowsDropped);
        Assert.False(s.Writer.StoreIsDown);
    }

    [Fact]
    public async Task With_the_spill_file_full_fail_closed_answers_503_until_the_store_is_back()
    {
        await using var s = await StartAsync("fail_closed", 3_000); // room for a couple of rows
        s.Relay.Stop();
        var served = new List<string>();
        HttpStatusCode status = HttpStatusCode.OK;
        string body = "";
        for (var i = 0; i < 30 && status == HttpStatusCode.OK; i++)
        {
            (status, var id, body) = await s.ChatAsync($"filling the spill file {i}");
            if (status == HttpStatusCode.OK) served.Add(id);
            await s.Writer.FlushAsync(Ct);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("request_log_full", body);

        s.Relay.Start();
        await EventuallyAsync(async () => (await s.ChatAsync("after")).Status == HttpStatusCode.OK, "requests accepted again");
        await s.Writer.FlushAsync(Ct);
        foreach (var id in served) Assert.NotNull(await s.Direct.FindAsync(id, Ct)); // every answered request is stored
        Assert.Equal(0, s.Writer.Counters.RowsDropped);
    }

    [Fact]
    public async Task With_the_spill_file_full_serve_keeps_answering_and_counts_each_dropped_row()
    {
        await using var s = await StartAsync("serve", 3_000);
        s.Relay.Stop();
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await s.ChatAsync($"serve {i}")).Status);
        await s.Writer.FlushAsync(Ct);
        var counters = s.Gateway.Services.GetRequiredService<RequestLogCounters>();
        Assert.True(counters.RowsDropped > 0);
        Assert.Equal(10, counters.RowsSpilled + counters.RowsDropped);
    }
}
