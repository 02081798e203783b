using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Cli.Commands;
using Switchyard.Core.Health;
using Switchyard.Server.Tests.Health;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>`switchyard health`: a client of a running gateway's admin API.</summary>
public class HealthCommandTests
{
    [Fact]
    public async Task Prints_a_table_of_every_deployment()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await HealthTestGateway.StartAsync(HealthEndpointTests.Yaml);
        using (var http = new HttpClient { BaseAddress = gateway.BaseAddress })
        using (var answer = await http.PostAsync("/v1/chat/completions", HealthEndpointTests.Chat("gpt-4.1-mini"), ct))
            Assert.True(answer.IsSuccessStatusCode);
        gateway.Services.GetRequiredService<IHealthRegistry>().RecordProbe("sim-anthropic/claude-haiku-4-5", false, "Provider 'sim-anthropic' answered 503.");

        var (code, stdout, stderr) = await RunAsync(gateway.BaseAddress.ToString(), null, json: false, adminKey: null, ct);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^deployment\s+state\s+requests\s+success\s+p50 ms\s+p95 ms\s+p99 ms\s+tok/s\s+last error", lines[0]);
        Assert.Matches(@"^sim/gpt-4\.1-mini\s+closed\s+1\s+100\.0%\s+\S+\s+\S+\s+\S+\s+\S+\s+-$", lines.Single(l => l.StartsWith("sim/gpt-4.1-mini ", StringComparison.Ordinal)));
        var down = lines.Single(l => l.StartsWith("sim-anthropic/claude-haiku-4-5 ", StringComparison.Ordinal));
        Assert.Contains(" down ", down);
        Assert.Contains("answered 503", down);
        Assert.Contains(lines, l => l.StartsWith("sim/vendor/nested-model ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_prints_the_admin_api_answer_and_reset_closes_the_breaker()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await HealthTestGateway.StartAsync(HealthEndpointTests.Yaml);
        var registry = gateway.Services.GetRequiredService<IHealthRegistry>();
        registry.RecordProbe("sim/vendor/nested-model", false, "down for the test");

        var (code, stdout, _) = await RunAsync(gateway.BaseAddress.ToString(), null, json: true, adminKey: null, ct);
        Assert.Equal(0, code);
        using (var doc = JsonDocument.Parse(stdout))
            Assert.Contains(doc.RootElement.GetProperty("data").EnumerateArray(),
                d => d.GetProperty("deployment").GetString() == "sim/vendor/nested-model" && d.GetProperty("state").GetString() == "down");

        (code, stdout, _) = await RunAsync(gateway.BaseAddress.ToString(), "sim/vendor/nested-model", json: false, adminKey: null, ct);
        Assert.Equal(0, code);
        Assert.Contains("Reset sim/vendor/nested-model: its breaker is closed", stdout);
        Assert.False(registry.IsOpen("sim/vendor/nested-model"));
    }

    [Fact]
    public async Task An_unknown_deployment_and_a_missing_admin_key_are_reported_with_exit_code_1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await HealthTestGateway.StartAsync(HealthEndpointTests.Yaml,
            environment: new Dictionary<string, string> { ["SWITCHYARD_ADMIN_KEY"] = "admin-secret" });
        var url = gateway.BaseAddress.ToString();

        var (code, _, stderr) = await RunAsync(url, null, json: false, adminKey: null, ct);
        Assert.Equal(1, code);
        Assert.Contains("401", stderr);
        Assert.Contains("SWITCHYARD_ADMIN_KEY", stderr);

        (code, _, stderr) = await RunAsync(url, "sim/nope", json: false, adminKey: "admin-secret", ct);
        Assert.Equal(1, code);
        Assert.Contains("404", stderr);
        Assert.Contains("No deployment 'sim/nope'", stderr);

        (code, var stdout, _) = await RunAsync(url, null, json: false, adminKey: "admin-secret", ct);
        Assert.Equal(0, code);
        Assert.Contains("sim/gpt-4.1-mini", stdout);
    }

    [Fact]
    public async Task The_installed_command_says_when_no_gateway_answers()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-health-cli-").FullName;
        await using var cli = CliProcess.Start(dir, "health", "--url", $"http://127.0.0.1:{CliProcess.FreePort()}");
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("No gateway answered at", cli.Stderr);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string url, string? reset, bool json, string? adminKey, CancellationToken ct)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await HealthCommand.RunAsync(url, reset, json, adminKey, stdout, stderr, ct);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
