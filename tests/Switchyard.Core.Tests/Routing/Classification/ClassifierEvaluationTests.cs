using Switchyard.Core.Catalog;
using Switchyard.Core.Routing.Classification;

namespace Switchyard.Core.Tests.Routing.Classification;

public class ClassifierEvaluationTests
{
    [Fact]
    public void Computes_per_class_and_macro_f1_from_a_confusion()
    {
        // Expected code ×4: predicted code, code, code, math. Expected math ×3: math, math, code.
        // Expected chat ×3: chat, chat, summarization (a class not present in the labels).
        var evaluation = new ClassifierEvaluation(
        [
            (TaskClass.Code, TaskClass.Code), (TaskClass.Code, TaskClass.Code), (TaskClass.Code, TaskClass.Code), (TaskClass.Code, TaskClass.Math),
            (TaskClass.Math, TaskClass.Math), (TaskClass.Math, TaskClass.Math), (TaskClass.Math, TaskClass.Code),
            (TaskClass.Chat, TaskClass.Chat), (TaskClass.Chat, TaskClass.Chat), (TaskClass.Chat, TaskClass.Summarization),
        ]);

        Assert.Equal(10, evaluation.Total);
        Assert.Equal(7, evaluation.Correct);
        Assert.Equal(0.7, evaluation.Accuracy, 12);
        Assert.Equal([TaskClass.Chat, TaskClass.Code, TaskClass.Math], evaluation.PerClass.Select(m => m.Task));

        var code = evaluation.PerClass.Single(m => m.Task == TaskClass.Code);   // P = 3/4, R = 3/4
        Assert.Equal(0.75, code.Precision, 12);
        Assert.Equal(0.75, code.Recall, 12);
        Assert.Equal(0.75, code.F1, 12);
        var math = evaluation.PerClass.Single(m => m.Task == TaskClass.Math);   // P = 2/3, R = 2/3
        Assert.Equal(2.0 / 3, math.F1, 12);
        var chat = evaluation.PerClass.Single(m => m.Task == TaskClass.Chat);   // P = 2/2, R = 2/3 → F1 = 0.8
        Assert.Equal(1.0, chat.Precision, 12);
        Assert.Equal(2.0 / 3, chat.Recall, 12);
        Assert.Equal(0.8, chat.F1, 12);

        Assert.Equal((0.75 + 2.0 / 3 + 0.8) / 3, evaluation.MacroF1, 12);
        Assert.Equal(1, evaluation.Count(TaskClass.Chat, TaskClass.Summarization));
    }

    [Fact]
    public void A_class_never_predicted_has_zero_precision_and_f1()
    {
        var evaluation = new ClassifierEvaluation([(TaskClass.Extraction, TaskClass.Chat), (TaskClass.Chat, TaskClass.Chat)]);
        var extraction = evaluation.PerClass.Single(m => m.Task == TaskClass.Extraction);
        Assert.Equal(0, extraction.F1);
        Assert.Equal(2.0 / 3, evaluation.PerClass.Single(m => m.Task == TaskClass.Chat).F1, 12); // P = 1/2, R = 1
        Assert.Equal(1.0 / 3, evaluation.MacroF1, 12);
    }

    [Fact]
    public void Markdown_report_lists_classes_and_macro_f1()
    {
        var evaluation = new ClassifierEvaluation([(TaskClass.Code, TaskClass.Code), (TaskClass.Math, TaskClass.Code)]);
        var markdown = evaluation.ToMarkdown();
        Assert.Contains("| code | 1 | 0.50 | 1.00 | 0.67 |", markdown);
        Assert.Contains("| math | 1 | 0.00 | 0.00 | 0.00 |", markdown);
        Assert.Contains("**0.333**", markdown);
    }
}
