using System.Text.Json;
using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>`switchyard route explain`, run as a user runs it: offline, no gateway started, nothing called.</summary>
public class RouteExplainCommandTests
{
    private const string CodePrompt = "Write a Python function that parses an ISO 8601 date string and returns a datetime, with unit tests.";
    private const string ChatPrompt = "Hi! What's a good way to spend a rainy Sunday afternoon?";

    private static async Task<CliProcess> RunAsync(params string[] args)
    {
        var cli = CliProcess.Start(Directory.CreateTempSubdirectory("switchyard-explain-").FullName, ["route", "explain", .. args]);
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)), "route explain did not finish");
        return cli;
    }

    [Fact]
    public async Task Explains_a_code_prompt_and_a_chat_prompt_over_the_embedded_default()
    {
        await using var code = await RunAsync(CodePrompt);
        Assert.True(code.ExitCode == 0, code.Stderr);
        Assert.Contains("route: auto  policy: cheapest-capable", code.Stdout);
        Assert.Contains("task: code (confidence", code.Stdout);
        Assert.Contains("candidates (6):", code.Stdout);
        Assert.Contains("openai/gpt-4.1-mini", code.Stdout);
        Assert.Contains("anthropic/claude-sonnet-4-5", code.Stdout);
        Assert.Contains("(primary)", code.Stdout);
        Assert.Contains("(fallback)", code.Stdout);
        Assert.Contains("simulated", code.Stdout); // no key in the child's environment

        await using var chat = await RunAsync(ChatPrompt);
        Assert.Equal(0, chat.ExitCode);
        Assert.Contains("task: chat (confidence", chat.Stdout);
    }

    [Fact]
    public async Task A_config_that_wants_a_stronger_model_for_code_changes_the_primary()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-explain-config-").FullName;
        var file = Path.Combine(dir, "switchyard.yaml");
        await File.WriteAllTextAsync(file, """
            providers:
              openai: { kind: openai, base_url: simulator }
              anthropic: { kind: anthropic, base_url: simulator }
            models:
              gpt-4.1-mini: { deployments: [{ provider: openai }] }
              claude-sonnet-4-5: { deployments: [{ provider: anthropic }] }
            routes:
              auto:
                models: [gpt-4.1-mini, claude-sonnet-4-5]
                policy: cheapest-capable
                params: { task_tiers: { code: 5 } }
            """, TestContext.Current.CancellationToken);
        try
        {
            await using var code = await RunAsync("--config", file, CodePrompt);
            Assert.True(code.ExitCode == 0, code.Stderr);
            Assert.Contains("1. anthropic/claude-sonnet-4-5  (primary)", code.Stdout);
            Assert.Contains("(below tier 5)", code.Stdout);

            await using var chat = await RunAsync("--config", file, ChatPrompt);
            Assert.Equal(0, chat.ExitCode);
            Assert.Contains("1. openai/gpt-4.1-mini  (primary)", chat.Stdout);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task Json_is_the_admin_endpoints_shape()
    {
        await using var cli = await RunAsync("--json", "--max-tokens", "100", CodePrompt);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        using var json = JsonDocument.Parse(cli.Stdout);
        var root = json.RootElement;
        Assert.Equal("auto", root.GetProperty("route").GetString());
        Assert.Equal("cheapest-capable", root.GetProperty("policy").GetString());
        Assert.Equal("code", root.GetProperty("task").GetProperty("class").GetString());
        var candidates = root.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(6, candidates.Count);
        Assert.All(candidates, c => Assert.Equal(100, c.GetProperty("output_tokens").GetInt32()));
        Assert.All(candidates, c => Assert.True(c.GetProperty("estimated_cost_usd").GetDecimal() > 0));
        var plan = root.GetProperty("plan").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(6, plan.Count);
        // cheapest-capable scores by estimated cost: the primary is the cheapest capable candidate
        Assert.Contains(plan[0], candidates.Select(c => c.GetProperty("deployment").GetString()));
        Assert.Contains("route: auto", root.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_unknown_route_or_a_bad_config_fails_with_the_reason()
    {
        await using var unknown = await RunAsync("--model", "no-such-route", "hi");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404", unknown.Stderr);
        Assert.Contains("no-such-route", unknown.Stderr);

        await using var missing = await RunAsync("--config", "/nonexistent/switchyard.yaml", "hi");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);
    }
}
