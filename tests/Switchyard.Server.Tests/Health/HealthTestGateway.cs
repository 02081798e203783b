using System.Text.Json;
using Switchyard.Core.Config;
using Switchyard.Server.Hosting;

namespace Switchyard.Server.Tests.Health;

/// <summary>A gateway of a test's own over the in-process simulator, with helpers for the admin health API.</summary>
public static class HealthTestGateway
{
    public static Task<RunningGateway> StartAsync(string yaml, TimeProvider? time = null, IReadOnlyDictionary<string, string>? environment = null,
        Core.Accounting.IOutcomeSink? outcomes = null)
    {
        var config = ConfigLoader.Parse(yaml, "test config");
        return GatewayHost.StartAsync(new GatewayStartOptions(config, "test config")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Time = time ?? TimeProvider.System,
            Environment = name => environment?.GetValueOrDefault(name),
            OutcomeSinks = outcomes is null ? [] : [outcomes],
        });
    }

    /// <summary>GET /admin/v1/health as a map of deployment id to its JSON object.</summary>
    public static async Task<Dictionary<string, JsonElement>> HealthAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/admin/v1/health", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
        return doc.RootElement.GetProperty("data").EnumerateArray().ToDictionary(e => e.GetProperty("deployment").GetString()!, e => e.Clone());
    }

    /// <summary>Polls the admin API (in real time) until <paramref name="done"/> holds or the time is up.</summary>
    public static async Task<Dictionary<string, JsonElement>> WaitForAsync(HttpClient http, Func<Dictionary<string, JsonElement>, bool> done,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var health = await HealthAsync(http, cancellationToken);
            if (done(health) || DateTime.UtcNow > until) return health;
            await Task.Delay(50, cancellationToken);
        }
    }

    public static string State(JsonElement deployment) => deployment.GetProperty("state").GetString()!;

    public static JsonElement? LastProbe(JsonElement deployment) =>
        deployment.GetProperty("last_probe") is { ValueKind: JsonValueKind.Object } probe ? probe : null;
}

/// <summary>Counts the requests accounting received.</summary>
public sealed class CountingOutcomeSink : Core.Accounting.IOutcomeSink
{
    private int count;
    public int Count => Volatile.Read(ref count);
    public void Record(Core.Accounting.RequestOutcome outcome) => Interlocked.Increment(ref count);
}
