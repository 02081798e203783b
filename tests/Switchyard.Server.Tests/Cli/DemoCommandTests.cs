using Switchyard.Core.Config;
using Switchyard.Server.Hosting;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>`switchyard demo`: the first thing a new user runs, on a fresh clone with no keys.</summary>
public class DemoCommandTests(GatewayFixture fixture)
{
    private static readonly string[] TaskClasses =
        ["chat", "code", "math", "reasoning", "extraction", "summarization", "translation", "creative_writing", "classification"];

    private static async Task<CliProcess> RunAsync(params string[] args)
    {
        var cli = CliProcess.Start(Directory.CreateTempSubdirectory("switchyard-demo-").FullName, ["demo", .. args]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(120)), "demo did not finish: " + cli.Stdout + cli.Stderr);
        return cli;
    }

    private static void AssertReport(string stdout, int perClass)
    {
        foreach (var task in TaskClasses)
            Assert.Matches($@"(?m)^{task}\s+{perClass}\s+\$\d+\.\d+\s+\$\d+\.\d+\s+-?\d+\.\d%\s+\S", stdout);
        Assert.Matches($@"(?m)^total\s+{perClass * TaskClasses.Length}\s+\$\d+\.\d+\s+\$\d+\.\d+\s+\d+\.\d%\s+saved \$\d+\.\d+ against sending every request to ", stdout);
    }

    [Fact]
    public async Task With_no_url_it_runs_its_own_simulated_gateway_and_reports_every_task_class()
    {
        await using var cli = await RunAsync("--count", "2");
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        Assert.Contains("SIMULATED", cli.Stdout);
        Assert.Contains("through the 'auto' route", cli.Stdout);
        Assert.Contains("baseline: every request sent to claude-sonnet-4-5", cli.Stdout);
        AssertReport(cli.Stdout, 2);
        Assert.Contains("gpt-4.1-mini (", cli.Stdout);
    }

    [Fact]
    public async Task With_a_url_it_uses_a_running_gateway()
    {
        var config = EmbeddedDefaultConfig.Build(_ => null, out _);
        await using var gateway = await GatewayHost.StartAsync(new GatewayStartOptions(config, "embedded default")
        {
            Urls = "http://127.0.0.1:0",
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, TestContext.Current.CancellationToken);
        await using var cli = await RunAsync("--url", gateway.OpenAIBaseUrl.ToString(), "--count", "1");
        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        Assert.DoesNotContain("in-process", cli.Stdout);
        AssertReport(cli.Stdout, 1);
        Assert.Contains("Some answers were simulated", cli.Stdout);
    }

    [Fact]
    public async Task A_gateway_without_an_auto_route_is_named_as_the_problem()
    {
        await using var cli = await RunAsync("--url", fixture.Gateway.BaseAddress.ToString(), "--count", "1");
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("no route named 'auto'", cli.Stderr);
    }

    [Fact]
    public async Task An_unreachable_gateway_fails_with_a_hint()
    {
        await using var cli = await RunAsync("--url", $"http://127.0.0.1:{CliProcess.FreePort()}", "--count", "1");
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("Could not reach the gateway", cli.Stderr);
    }
}
