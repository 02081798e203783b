using System.Globalization;
using System.Text;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Filters;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing;

/// <summary>
/// The whole routing decision for one request: candidates, each removal with its filter and
/// reason code, the classifier's output, the policy's scores and the plan. Kept as compact codes;
/// <see cref="Explain"/> renders text only when asked (route explain, the admin API, errors).
/// The policy's per-candidate scores are kept only for a <see cref="Detailed"/> decision (one made to
/// be explained): a served request needs the plan, not two arrays of fifty scores and notes.
/// </summary>
public sealed class RoutingDecision(string route, IReadOnlyList<Deployment> candidates, bool detailed = false)
{
    private List<(int Index, RemovalReason Reason, string Filter)>? removals; // most decisions remove nothing
    private double[]? scores;
    private string[]? scoreNotes;

    public string Route { get; } = route;
    public IReadOnlyList<Deployment> Candidates { get; } = candidates;
    /// <summary>Scores are recorded (for route explain and the admin API); false for served requests.</summary>
    public bool Detailed { get; } = detailed;
    public string Policy { get; set; } = "fixed";
    /// <summary>"A" or "B" for a route with an A/B split; null otherwise.</summary>
    public string? Arm { get; set; }
    /// <summary>The rule that decided, for the rules policy.</summary>
    public string? Rule { get; set; }
    public TaskPrediction? Task { get; set; }
    /// <summary>The session's earlier deployment was kept first.</summary>
    public bool AffinityApplied { get; set; }
    public IReadOnlyList<Deployment> Plan { get; set; } = [];

    /// <summary>What x-switchyard-route says: the route, or "route:rule" when a rule decided.</summary>
    public string DecidedBy => Rule is null ? Route : $"{Route}:{Rule}";

    public IReadOnlyList<(int Index, RemovalReason Reason, string Filter)> Removals => (IReadOnlyList<(int, RemovalReason, string)>?)removals ?? [];

    public void Remove(int index, RemovalReason reason, string filter) => (removals ??= []).Add((index, reason, filter));

    public void Score(Deployment candidate, double score, string? note = null)
    {
        if (!Detailed) return;
        var index = IndexOf(candidate);
        if (index < 0) return;
        scores ??= new double[Candidates.Count];
        scores[index] = score;
        if (note is not null) (scoreNotes ??= new string[Candidates.Count])[index] = note;
    }

    public double? ScoreOf(Deployment candidate) => scores is not null && IndexOf(candidate) is >= 0 and var i ? scores[i] : null;

    private int IndexOf(Deployment candidate)
    {
        for (var i = 0; i < Candidates.Count; i++) if (ReferenceEquals(Candidates[i], candidate)) return i;
        return -1;
    }

    /// <summary>"deployment: why" for each removed candidate, for error messages.</summary>
    public string RemovalSummary(RoutingContext context) =>
        string.Join("; ", Removals.Select(r => $"{Candidates[r.Index].Id}: {RemovalText.Describe(r.Reason, Candidates[r.Index], context)}"));

    public string Explain(RoutingContext context)
    {
        var text = new StringBuilder();
        text.AppendLine($"route: {Route}  policy: {Policy}{(Arm is null ? "" : $"  arm: {Arm}")}{(Rule is null ? "" : $"  rule: {Rule}")}");
        if (Task is { } t)
            text.AppendLine(CultureInfo.InvariantCulture, $"task: {Catalog.TaskClassNames.Name(t.Task)} (confidence {t.Confidence:0.00}; runner-up {Catalog.TaskClassNames.Name(t.RunnerUp)})");
        var tags = context.RequiredTags;
        if (tags.Count > 0) text.AppendLine($"required tags: {string.Join(", ", tags)}");
        text.AppendLine($"candidates ({Candidates.Count}):");
        for (var i = 0; i < Candidates.Count; i++)
        {
            var d = Candidates[i];
            var estimate = context.Costs.For(d);
            var line = $"  {d.Id,-40} tier {d.Model.TierFor(context.Task.Task)}  est ${estimate.Cost.ToString("0.######", CultureInfo.InvariantCulture)} ({estimate.PromptTokens}+{estimate.OutputTokens} tokens)";
            var removal = removals?.FindIndex(r => r.Index == i) ?? -1;
            if (removal >= 0) line += $"  REMOVED by {removals![removal].Filter}: {RemovalText.Describe(removals[removal].Reason, d, context)}";
            else if (scores is not null) line += $"  score {scores[i].ToString("0.######", CultureInfo.InvariantCulture)}{(scoreNotes?[i] is { } note ? " " + note : "")}";
            text.AppendLine(line);
        }
        text.AppendLine("plan:" + (AffinityApplied ? " (session affinity kept the first)" : ""));
        for (var i = 0; i < Plan.Count; i++) text.AppendLine($"  {i + 1}. {Plan[i].Id}{(i == 0 ? "  (primary)" : "  (fallback)")}");
        return text.ToString();
    }
}
