using System.Net;
using Switchyard.Cli.Commands;
using Switchyard.Server.Tests.Health;
using Switchyard.Server.Tests.Keys;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>`switchyard routes set-policy|clear-policy`: the real CLI against a running gateway (admin API on loopback, no admin key set).</summary>
public class RoutesPolicyCommandTests
{
    [Fact]
    public async Task Set_policy_changes_the_split_a_bad_value_is_reported_and_clear_policy_restores_the_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDir = KeyTestGateway.NewDataDir();
        await using (var gateway = await HealthTestGateway.StartAsync(RoutePolicyChangeTests.Yaml(dataDir)))
            await RunAsync(gateway, ct);
        try { Directory.Delete(dataDir, true); } catch (IOException) { }
    }

    private static async Task RunAsync(Hosting.RunningGateway gateway, CancellationToken ct)
    {
        static string CliDir() => Directory.CreateTempSubdirectory("switchyard-routes-cli-").FullName; // each run's own: deleted with it
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        var url = gateway.BaseAddress.ToString();

        async Task<string> AnsweredByAsync()
        {
            using var response = await KeyTestGateway.ChatAsync(http, null, "ab");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.GetValues("x-switchyard-model").Single();
        }

        Assert.Equal("gpt-4.1-mini", await AnsweredByAsync());
        await using (var set = CliProcess.Start(CliDir(), "routes", "set-policy", "ab", "--split-percent", "100", "--url", url))
        {
            Assert.True(await set.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(set.ExitCode == 0, set.Stderr);
            Assert.Contains("Changed the policy of ab", set.Stdout);
        }
        Assert.Equal("gpt-4.1", await AnsweredByAsync());

        await using (var bad = CliProcess.Start(CliDir(), "routes", "set-policy", "ab", "--param", "min_tier=9", "--policy", "cheapest-capable", "--url", url))
        {
            Assert.True(await bad.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("routes.ab.params.min_tier", bad.Stderr);
        }
        Assert.Equal("gpt-4.1", await AnsweredByAsync()); // the refused change changed nothing

        await using (var clear = CliProcess.Start(CliDir(), "routes", "clear-policy", "ab", "--url", url))
        {
            Assert.True(await clear.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(clear.ExitCode == 0, clear.Stderr);
        }
        Assert.Equal("gpt-4.1-mini", await AnsweredByAsync());
    }

    [Fact]
    public void The_body_carries_only_what_was_given_with_json_values_parsed()
    {
        Assert.Equal("""{"policy":"cheapest-capable","params":{"min_tier":4,"task_tiers":{"code":5},"escalate_by":null,"note":"two words"}}""",
            RoutePolicyCommands.Body("cheapest-capable", ["min_tier=4", """task_tiers={"code":5}""", "escalate_by=null", "note=two words"], null, false));
        Assert.Equal("""{"split":{"percent":25}}""", RoutePolicyCommands.Body(null, [], 25, false));
        Assert.Equal("""{"split":null}""", RoutePolicyCommands.Body(null, [], null, true));
        Assert.Throws<FormatException>(() => RoutePolicyCommands.Body(null, [], null, false));
        Assert.Throws<FormatException>(() => RoutePolicyCommands.Body(null, ["no-equals"], null, false));
        Assert.Throws<FormatException>(() => RoutePolicyCommands.Body(null, [], 10, true));
    }
}
