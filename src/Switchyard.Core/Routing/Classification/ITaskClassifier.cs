using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification;

/// <summary>
/// Says what kind of task a prompt is. Runs on every request before routing, so implementations
/// must be fast, allocation-free on the hot path, deterministic and offline.
/// </summary>
public interface ITaskClassifier
{
    /// <summary>Classifies the prompt (usually the last user message), optionally helped by the system prompt.</summary>
    TaskPrediction Classify(string prompt, string? system = null);
}

/// <summary>The classifier's answer: the class, its probability, and the second most likely class with its probability.</summary>
/// <param name="Task">The most likely task class.</param>
/// <param name="Confidence">Probability of <paramref name="Task"/>, in [0, 1].</param>
/// <param name="RunnerUp">The second most likely class (a policy may escalate when the two are close).</param>
/// <param name="RunnerUpConfidence">Probability of <paramref name="RunnerUp"/>, in [0, 1].</param>
public readonly record struct TaskPrediction(TaskClass Task, double Confidence, TaskClass RunnerUp, double RunnerUpConfidence = 0)
{
    /// <summary>Difference between the top two probabilities; small means the classifier hesitated.</summary>
    public double Margin => Confidence - RunnerUpConfidence;
}
