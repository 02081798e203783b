using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>The README's run command, as a user runs it: `switchyard serve` with no config and no keys.</summary>
public class ServeCommandTests
{
    [Fact]
    public async Task Serves_the_simulated_default_announces_it_and_stops_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = CliProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataDir = Directory.CreateTempSubdirectory("switchyard-serve-").FullName;
        await using var cli = CliProcess.Start(dataDir, "serve", "--urls", baseAddress.ToString());

        Assert.True(await cli.WaitForHealthAsync(baseAddress, TimeSpan.FromSeconds(60), ct), "no /health; stderr: " + cli.Stderr);
        Assert.Contains("SIMULATED PROVIDERS", cli.Stdout);
        Assert.Contains("access:  open", cli.Stdout);

        var client = new OpenAIClient(new ApiKeyCredential("sk-whatever"), new OpenAIClientOptions { Endpoint = new Uri(baseAddress, "/v1") });
        foreach (var model in new[] { "auto", "gpt-4.1-mini", "claude-sonnet-4-5", "gemini-2.5-pro" })
        {
            var result = await client.GetChatClient(model).CompleteChatAsync([new UserChatMessage("Hello from the tour")], cancellationToken: ct);
            Assert.False(string.IsNullOrWhiteSpace(result.Value.Content[0].Text));
            Assert.Equal("true", ResponseHeaders.Get(result, "x-switchyard-simulated"));
            Assert.Equal(model, ResponseHeaders.Get(result, "x-switchyard-route"));
        }

        Assert.True(await cli.TerminateAsync(TimeSpan.FromSeconds(20)), "the gateway did not stop on SIGTERM");
        Assert.Equal(0, cli.ExitCode);
    }

    [Fact]
    public async Task Invalid_config_stops_start_up_naming_the_file_and_the_path()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-badconfig-").FullName;
        var file = Path.Combine(dir, "gateway.yaml");
        await File.WriteAllTextAsync(file, """
            providers:
              main: { kind: openai, base_url: "ftp://nowhere" }
            models:
              m: { deployments: [{ provider: ghost }] }
            """, TestContext.Current.CancellationToken);
        await using var cli = CliProcess.Start(dir, "serve", "--config", file, "--urls", $"http://127.0.0.1:{CliProcess.FreePort()}");

        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(file, cli.Stderr);
        Assert.Contains("providers.main.base_url", cli.Stderr);
        Assert.Contains("models.m.deployments[0].provider: unknown provider 'ghost'", cli.Stderr);
        Assert.DoesNotContain("   at ", cli.Stderr); // a message, not a stack trace
    }
}
