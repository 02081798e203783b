#:project ../../../Switchyard.Core.csproj
#:property PublishAot=false
// Retrains the task classifier and rewrites Data/task-classifier.weights (a file-based app; not compiled into
// Switchyard.Core). From the repository root:
//   dotnet run src/Switchyard.Core/Routing/Classification/Training/retrain.cs [shared-data-dir]
// shared-data-dir defaults to the shared/data folder found by walking up from the current directory.
// Then rebuild, run `dotnet test tests/Switchyard.Core.Tests`, and update the thresholds and README tables
// if the numbers moved.
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Classification.Training;

var root = Directory.GetCurrentDirectory();
while (!File.Exists(Path.Combine(root, "Switchyard.slnx")))
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from inside the repository");
var shared = args.Length > 0 ? args[0] : TaskDataSets.FindSharedDataDir(root) ?? throw new InvalidOperationException("shared/data not found; pass its path");
var data = Path.Combine(root, "src/Switchyard.Core/Routing/Classification/Data");

var report = ClassifierTrainer.Train(shared, Path.Combine(data, "own-examples.jsonl"), Path.Combine(data, "task-classifier.weights"));
Console.WriteLine(report);
Console.WriteLine(ClassifierEvaluationRunner.Run(shared, new TaskClassifier(report.Model), Path.Combine(data, "own-examples.jsonl")));
