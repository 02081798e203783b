using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Classification.Training;

namespace Switchyard.Core.Tests.Routing.Classification;

/// <summary>What the trainer reads: the default source exclusions and the validation probe (Data/README.md).</summary>
public class TrainingDataTests
{
    private static string SharedData =>
        TaskDataSets.FindSharedDataDir(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("shared/data not found above " + AppContext.BaseDirectory);

    private static string OwnExamplesPath
    {
        get
        {
            // The evaluation runner reads the embedded copy; the trainer reads the file, so write the embedded copy out.
            var path = Path.Combine(Path.GetTempPath(), $"own-examples-{Guid.NewGuid():N}.jsonl");
            using var stream = typeof(TaskDataSets).Assembly.GetManifestResourceStream(TaskDataSets.OwnExamplesResource)!;
            using var file = File.Create(path);
            stream.CopyTo(file);
            return path;
        }
    }

    [Fact]
    public void Default_corpus_leaves_out_the_science_exam_sets_but_keeps_the_other_reasoning_sources()
    {
        var own = OwnExamplesPath;
        try
        {
            var sources = TrainingCorpus.Build(SharedData, own, new TrainerOptions()).Rows.Select(r => r.Source).ToHashSet();
            Assert.DoesNotContain("llmrouter:arc_challenge", sources);
            Assert.DoesNotContain("llmrouter:openbook_qa", sources);
            Assert.DoesNotContain("llmrouter:gpqa", sources);
            Assert.Contains("llmrouter:mmlu", sources);
            Assert.Contains("llmrouter:commonsense_qa", sources);
            Assert.Contains("own:reasoning", sources);

            var everything = TrainingCorpus.Build(SharedData, own, new TrainerOptions { ExcludeSources = "" }).Rows.Select(r => r.Source).ToHashSet();
            Assert.Contains("llmrouter:arc_challenge", everything);
        }
        finally { File.Delete(own); }
    }

    [Fact]
    public void Validation_scores_every_probe_row_whatever_its_split()
    {
        var own = OwnExamplesPath;
        var probe = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(probe,
        [
            """{"task": "translation", "split": "train", "prompt": "How do you say 'good morning, neighbour' in Portuguese?"}""",
            """{"task": "code", "split": "heldout", "prompt": "Write a Python function that returns the n-th Fibonacci number iteratively."}""",
            """{"task": "chat", "split": "train", "prompt": "Why do leaves change colour in autumn?"}""",
        ]);
        try
        {
            // One epoch over a small table: this checks the plumbing, not the model's quality.
            var result = ClassifierValidation.Run(SharedData, own, new TrainerOptions { Epochs = 1, BucketBits = 12 }, probePath: probe);
            Assert.NotNull(result.Probe);
            Assert.Equal(3, result.Probe.Total);
            Assert.Contains("probe (3) macro-F1", result.ToString());
            Assert.Contains("probe:", result.Details());
        }
        finally
        {
            File.Delete(own);
            File.Delete(probe);
        }
    }
}
