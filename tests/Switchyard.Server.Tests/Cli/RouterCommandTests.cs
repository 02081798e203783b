using Switchyard.Server.Tests.Support;

namespace Switchyard.Server.Tests.Cli;

public class RouterCommandTests
{
    [Fact]
    public async Task Eval_classifier_prints_macro_f1_for_every_labelled_set()
    {
        var dir = Directory.CreateTempSubdirectory("switchyard-router-eval-").FullName;
        await using var cli = CliProcess.Start(dir, "router", "eval-classifier");
        Assert.True(await cli.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        Assert.Equal(0, cli.ExitCode);
        foreach (var set in new[] { "mt-bench-questions", "just-eval-task-tags", "llmrouter-task-queries (test split)", "own examples (held-out)" })
            Assert.Contains("## " + set, cli.Stdout);
        Assert.Equal(4, cli.Stdout.Split("**macro-F1**").Length - 1);
    }
}
