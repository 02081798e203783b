using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;
using Switchyard.Simulator.Options;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Writing;

namespace Switchyard.Server.Tests.RequestLog;

/// <summary>A real gateway over the simulator (the shared fixture's models) with its request log in a temp data folder of its own.</summary>
public class RequestLogGateway : IAsyncLifetime
{
    protected virtual string RequestLogYaml => "request_log:\n  flush_interval_ms: 50\n";

    public string DataDir { get; } = Directory.CreateTempSubdirectory("sy-reqlog-").FullName;
    public RunningGateway Gateway { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public SqliteRequestLogStore Store { get; private set; } = null!;
    public RequestLogWriter Writer => Gateway.Services.GetRequiredService<RequestLogWriter>();

    public static string Yaml(string dataDir, string requestLogYaml) =>
        GatewayFixture.Yaml.Replace("server:\n", $"server:\n  data_dir: {dataDir}\n", StringComparison.Ordinal) + "\n" + requestLogYaml;

    public async ValueTask InitializeAsync()
    {
        var config = ConfigLoader.Parse(Yaml(DataDir, RequestLogYaml), "request log test config");
        Gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "request log test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        Gateway.Simulator!.Options.Models[GatewayFixture.DownUpstream] = new SimulatedModelSettings { Faults = new FaultRates { Http503 = 1.0 } };
        Http = new HttpClient { BaseAddress = Gateway.BaseAddress };
        Store = SqliteRequestLogStore.InDataDir(DataDir);
    }

    /// <summary>Sends a chat request; returns the request id, status and the answer's text (content deltas joined for a stream).</summary>
    public async Task<(string Id, int Status, string Content)> ChatAsync(string model, string prompt, bool stream, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = model,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = prompt } },
            ["stream"] = stream,
        });
        using var response = await Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var id = response.Headers.GetValues("x-request-id").Single();
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) return (id, (int)response.StatusCode, "");
        var content = new StringBuilder();
        if (!stream)
        {
            using var doc = JsonDocument.Parse(text);
            content.Append(doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        }
        else
        {
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
                using var chunk = JsonDocument.Parse(line[6..]);
                foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
                    if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
                        content.Append(c.GetString());
            }
        }
        return (id, (int)response.StatusCode, content.ToString());
    }

    /// <summary>The row of a request, once the writer has flushed it.</summary>
    public async Task<RequestLogRow> RowAsync(string id, CancellationToken ct)
    {
        await Writer.FlushAsync(ct);
        return await Store.FindAsync(id, ct) ?? throw new Xunit.Sdk.XunitException($"no request log row for {id}");
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await Store.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The same gateway storing bodies, redacted: built-in PII plus a regex.</summary>
public sealed class BodiesGateway : RequestLogGateway
{
    protected override string RequestLogYaml => """
        request_log:
          flush_interval_ms: 50
          bodies: true
          redact: [pii, "secret-[0-9]+"]
        """;
}
