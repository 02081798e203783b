using Switchyard.Core.Catalog;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Classification.Training;

namespace Switchyard.Core.Tests.Routing.Classification;

public class TrainerOptionsTests
{
    [Fact]
    public void Class_bias_parses_pairs_and_defaults_to_zero()
    {
        var bias = new TrainerOptions { ClassBias = "chat:0.5, reasoning:-0.25" }.ParseClassBias();
        Assert.Equal(TaskClassifierModel.ClassCount, bias.Length);
        Assert.Equal(0.5, bias[(int)TaskClass.Chat]);
        Assert.Equal(-0.25, bias[(int)TaskClass.Reasoning]);
        Assert.Equal(0, bias[(int)TaskClass.Code]);
        Assert.All(new TrainerOptions().ParseClassBias(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("poetry:1")]
    [InlineData("chat:lots")]
    public void Bad_class_bias_is_refused(string text) =>
        Assert.ThrowsAny<FormatException>(() => new TrainerOptions { ClassBias = text }.ParseClassBias());

    [Fact]
    public void Validation_overrides_parse_by_option_name()
    {
        var options = ClassifierValidation.Parse(["LearningRate=0.05", "Epochs=20", "ExcludeSources=llmrouter:gpqa"]);
        Assert.Equal(0.05, options.LearningRate);
        Assert.Equal(20, options.Epochs);
        Assert.Equal("llmrouter:gpqa", options.ExcludeSources);
        Assert.Throws<ArgumentException>(() => ClassifierValidation.Parse(["Nope=1"]));
        Assert.Throws<ArgumentException>(() => ClassifierValidation.Parse(["LearningRate"]));
    }

    [Fact]
    public void Own_examples_keep_a_quarter_of_every_class_held_out()
    {
        var train = TaskDataSets.OwnExamples("train");
        var heldOut = TaskDataSets.OwnExamples("heldout");
        foreach (var task in Enum.GetValues<TaskClass>())
        {
            var t = train.Count(r => r.Task == task);
            var h = heldOut.Count(r => r.Task == task);
            Assert.True(h >= 20, $"{task}: only {h} held-out rows");
            Assert.InRange((double)h / (t + h), 0.22, 0.28);
        }
        Assert.Empty(train.Select(r => r.Prompt).Intersect(heldOut.Select(r => r.Prompt)));
    }
}
