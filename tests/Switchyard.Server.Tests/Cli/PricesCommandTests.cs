using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

/// <summary>`switchyard prices show|refresh`, run as a user runs them.</summary>
public class PricesCommandTests
{
    private static string FeedPath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "fixtures", "pricing", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public async Task Show_prints_one_models_prices_limits_and_sourced_tiers()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-prices-show-").FullName;
        await using var cli = CliProcess.Start(dir, "prices", "show", "openai/gpt-4o");
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("gpt-4o (openai)", cli.Stdout);
        Assert.Contains("input 2.5, output 10", cli.Stdout);
        Assert.Contains("context window 128000", cli.Stdout);
        Assert.Contains("(catalog)", cli.Stdout);
        Assert.Contains("summarization", cli.Stdout);
    }

    [Fact]
    public async Task Refresh_prints_what_changed_keeps_the_table_and_show_then_uses_it()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-prices-refresh-").FullName;
        var data = Directory.CreateTempSubdirectory("switchyard-prices-data-").FullName; // outlives the first process's folder
        await using (var refresh = CliProcess.Start(dir, "prices", "refresh", "--from", FeedPath("openrouter-models.json"), "--data-dir", data))
        {
            Assert.True(await refresh.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, refresh.ExitCode);
            Assert.Contains("catalog models priced", refresh.Stdout);
            Assert.True(File.Exists(Path.Combine(data, "prices.json")));
        }
        await using var show = CliProcess.Start(Directory.CreateTempSubdirectory("switchyard-prices-show2-").FullName, "prices", "show", "--data-dir", data);
        Assert.True(await show.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Live prices: " + FeedPath("openrouter-models.json"), show.Stdout);
        Assert.Matches(@"gpt-4o-mini\s+openai\s+0\.15\s+0\.6\s+0\.075.*live", show.Stdout);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_broken_feed_is_refused_with_the_reason_and_exit_code_1()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-prices-bad-").FullName;
        var broken = Path.Combine(dir, "broken.json");
        await File.WriteAllTextAsync(broken, File.ReadAllText(FeedPath("litellm-model-prices.json"))[..5000], TestContext.Current.CancellationToken);
        await using var cli = CliProcess.Start(dir, "prices", "refresh", "--from", broken, "--data-dir", Path.Combine(dir, "data"));
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("refused", cli.Stderr);
        Assert.Contains("not a price feed", cli.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "data", "prices.json")));
    }
}
