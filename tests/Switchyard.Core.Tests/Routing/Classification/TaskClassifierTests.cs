using Switchyard.Core.Catalog;
using Switchyard.Core.Routing.Classification;

namespace Switchyard.Core.Tests.Routing.Classification;

public class TaskClassifierTests
{
    private static readonly TaskClassifier Classifier = TaskClassifier.Default;

    [Theory]
    [InlineData("Write a Python function that merges two sorted lists into one sorted list.", TaskClass.Code)]
    [InlineData("Why does this throw a NullReferenceException?\n```csharp\nstring s = null;\nConsole.WriteLine(s.Length);\n```", TaskClass.Code)]
    [InlineData("Solve for x: 4x - 7 = 21.", TaskClass.Math)]
    [InlineData("What is the integral of x^2 * e^x dx?", TaskClass.Math)]
    [InlineData("If all wugs are blickets and no blickets are daxes, can a wug be a dax? Explain your reasoning.", TaskClass.Reasoning)]
    [InlineData("Extract every email address and phone number from this text and return them as JSON: \"Reach Ana at ana@example.org or +1 555 0100.\"", TaskClass.Extraction)]
    [InlineData("Summarize the following article in two sentences:\n\nThe council approved the new budget on Monday after a long debate about school funding and road repairs.", TaskClass.Summarization)]
    [InlineData("Translate this into Spanish: \"The museum is closed on Mondays.\"", TaskClass.Translation)]
    [InlineData("Write a short poem about autumn leaves falling in the park.", TaskClass.CreativeWriting)]
    [InlineData("Classify the sentiment of this review as positive, negative or neutral: \"Terrible battery life, I returned it.\"", TaskClass.Classification)]
    [InlineData("What are some good ways to keep houseplants alive during winter?", TaskClass.Chat)]
    public void Classifies_obvious_prompts(string prompt, TaskClass expected)
    {
        var prediction = Classifier.Classify(prompt);
        Assert.Equal(expected, prediction.Task);
    }

    [Fact]
    public void Confidence_is_a_probability_and_runner_up_differs()
    {
        var prediction = Classifier.Classify("Translate \"good night\" into German.");
        Assert.InRange(prediction.Confidence, 0.0, 1.0);
        Assert.InRange(prediction.RunnerUpConfidence, 0.0, prediction.Confidence);
        Assert.NotEqual(prediction.Task, prediction.RunnerUp);
        Assert.True(prediction.Margin >= 0);

        Span<double> p = stackalloc double[TaskClassifierModel.ClassCount];
        Classifier.Probabilities("Translate \"good night\" into German.", default, p);
        double sum = 0;
        foreach (var x in p) sum += x;
        Assert.Equal(1.0, sum, 6);
        Assert.Equal(prediction.Confidence, p[(int)prediction.Task], 12);
    }

    [Fact]
    public void Is_deterministic_across_calls_and_instances()
    {
        const string prompt = "Could you write a SQL query that lists customers who ordered twice in one week?";
        var first = Classifier.Classify(prompt, "You are a helpful assistant.");
        for (var i = 0; i < 20; i++)
            Assert.Equal(first, Classifier.Classify(prompt, "You are a helpful assistant."));

        using var stream = typeof(TaskClassifier).Assembly.GetManifestResourceStream(TaskClassifier.WeightsResource)!;
        var other = new TaskClassifier(TaskClassifierModel.Load(stream));
        Assert.Equal(first, other.Classify(prompt, "You are a helpful assistant."));
    }

    [Fact]
    public void Handles_empty_odd_and_very_long_input()
    {
        foreach (var prompt in new[] { "", " ", "\n\n", "🙂🙂", "日本語のテキストを英語に翻訳してください。", new string('a', 100_000), string.Concat(Enumerable.Repeat("word ", 30_000)) })
        {
            var prediction = Classifier.Classify(prompt);
            Assert.True(Enum.IsDefined(prediction.Task));
            Assert.InRange(prediction.Confidence, 0.0, 1.0);
        }
    }

    [Fact]
    public void System_prompt_informs_but_does_not_replace_the_prompt()
    {
        var withTranslatorSystem = Classifier.Classify("Je voudrais réserver une table pour deux personnes ce soir.",
            "You are a translator. Translate everything the user writes into English.");
        Assert.Equal(TaskClass.Translation, withTranslatorSystem.Task);
    }

    [Fact]
    public void Weights_round_trip_through_the_file_format()
    {
        var model = Classifier.Model;
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = TaskClassifierModel.Load(buffer);
        Assert.Equal(model.BucketBits, loaded.BucketBits);
        Assert.Equal(model.Description, loaded.Description);
        for (var bucket = 0; bucket < 1 << model.BucketBits; bucket += 97)
            for (var c = 0; c < TaskClassifierModel.ClassCount; c++)
                Assert.Equal(model.Weight(bucket, c), loaded.Weight(bucket, c));
    }
}
