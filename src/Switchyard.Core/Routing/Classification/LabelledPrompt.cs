using Switchyard.Core.Catalog;

namespace Switchyard.Core.Routing.Classification;

/// <summary>A prompt with its task class, as used for training and evaluation.</summary>
/// <param name="Source">Where it came from (file and original label), for reports and weighting.</param>
public sealed record LabelledPrompt(string Prompt, TaskClass Task, string Source);
