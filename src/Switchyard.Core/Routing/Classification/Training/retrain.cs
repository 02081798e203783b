#:project ../../../Switchyard.Core.csproj
#:property PublishAot=false
// Retrains the task classifier and rewrites Data/task-classifier.weights (a file-based app; not compiled into
// Switchyard.Core). From the repository root:
//   dotnet run src/Switchyard.Core/Routing/Classification/Training/retrain.cs [shared-data-dir]
// shared-data-dir defaults to the shared/data folder found by walking up from the current directory.
// With --validate [--folds=N] [--probe=FILE] [Option=value ...] it writes nothing and scores validation data only
// (ClassifierValidation; see Data/README.md): use that, never the evaluation report below, to choose options.
// Then rebuild, run `dotnet test tests/Switchyard.Core.Tests`, and update the thresholds and README tables
// if the numbers moved.
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Classification.Training;

var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "Switchyard.slnx")))
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from inside the repository");
var rest = args.ToList();
var validate = rest.Remove("--validate");
var folds = rest.FirstOrDefault(a => a.StartsWith("--folds=", StringComparison.Ordinal)) is { } f ? int.Parse(f[8..]) : 0;
rest.RemoveAll(a => a.StartsWith("--folds=", StringComparison.Ordinal));
var probe = rest.FirstOrDefault(a => a.StartsWith("--probe=", StringComparison.Ordinal)) is { } pr ? Path.GetFullPath(pr[8..]) : null;
rest.RemoveAll(a => a.StartsWith("--probe=", StringComparison.Ordinal));
var shared = rest.Count > 0 && !rest[0].Contains('=') ? rest[0] : TaskDataSets.FindSharedDataDir(root) ?? throw new InvalidOperationException("shared/data not found; pass its path");
var overrides = rest.Where(a => a.Contains('=')).ToList();
var data = Path.Combine(root, "src/Switchyard.Core/Routing/Classification/Data");

if (validate)
{
    // Model selection on validation data only; writes nothing and never scores the evaluation sets.
    var result = ClassifierValidation.Run(shared, Path.Combine(data, "own-examples.jsonl"), ClassifierValidation.Parse(overrides), folds, probePath: probe);
    Console.WriteLine(Environment.GetEnvironmentVariable("VALIDATE_DETAILS") == "1" ? result.Details() : result.ToString());
    return;
}
if (overrides.Count > 0) throw new ArgumentException("options are for --validate; change the TrainerOptions defaults to retrain");

var report = ClassifierTrainer.Train(shared, Path.Combine(data, "own-examples.jsonl"), Path.Combine(data, "task-classifier.weights"));
Console.WriteLine(report);
Console.WriteLine(ClassifierEvaluationRunner.Run(shared, new TaskClassifier(report.Model), Path.Combine(data, "own-examples.jsonl")));
