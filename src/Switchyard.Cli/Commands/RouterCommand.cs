using System.CommandLine;
using Switchyard.Core.Routing.Classification;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard router eval-classifier [--data DIR] [--confusion]`: measures the task classifier on
/// the labelled sets in ../shared/data (offline; the learned router's train/eval join it later).
/// </summary>
public static class RouterCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The shared/data folder. Default: found by walking up from the current folder and from the program's folder." };
        var confusion = new Option<bool>("--confusion") { Description = "Also print each set's confusion matrix." };
        var eval = new Command("eval-classifier", "Per-class F1 and macro-F1 of the task classifier on every labelled set.") { data, confusion };
        eval.SetAction(parse =>
        {
            var dir = parse.GetValue(data)
                ?? TaskDataSets.FindSharedDataDir(Environment.CurrentDirectory)
                ?? TaskDataSets.FindSharedDataDir(AppContext.BaseDirectory);
            if (dir is null || !Directory.Exists(dir))
            {
                Console.Error.WriteLine("No shared/data folder found; pass --data DIR.");
                return 1;
            }
            Console.Write(ClassifierEvaluationRunner.Run(dir, includeConfusion: parse.GetValue(confusion)));
            return 0;
        });
        return new Command("router", "The task classifier and routers.") { eval };
    }
}
