using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Catalog;
using Switchyard.Core.Routing;

namespace Switchyard.Server.Admin;

/// <summary>
/// A routing decision as JSON, the one shape shared by POST /admin/v1/route/explain and
/// `switchyard route explain --json`: the classifier's output, every candidate with its estimate and
/// either the filter that removed it (and why) or the policy's score, the plan, and the text rendering.
/// </summary>
public static class DecisionJson
{
    /// <summary>
    /// The decision as text, always with the classifier's output: a policy that does not classify
    /// (fixed, weighted...) leaves the decision without it, but an explanation should still show it.
    /// </summary>
    public static string Text(RoutingDecision decision, RoutingContext context)
    {
        decision.Task ??= context.Task;
        return decision.Explain(context);
    }

    public static DecisionView From(RoutingDecision decision, RoutingContext context)
    {
        var text = Text(decision, context);
        var task = decision.Task!.Value;
        var candidates = new List<CandidateView>(decision.Candidates.Count);
        for (var i = 0; i < decision.Candidates.Count; i++)
        {
            var d = decision.Candidates[i];
            var estimate = context.Costs.For(d);
            var removal = decision.Removals.FirstOrDefault(r => r.Index == i);
            var removed = removal.Filter is not null;
            candidates.Add(new CandidateView(d.Id, d.Model.Id, d.Provider.Name, d.Model.TierFor(task.Task), estimate.Cost,
                estimate.PromptTokens, estimate.OutputTokens,
                removed ? removal.Filter : null,
                removed ? Core.Routing.Filters.RemovalText.Describe(removal.Reason, d, context) : null,
                removed ? null : decision.ScoreOf(d)));
        }
        return new DecisionView(decision.Route, decision.DecidedBy, decision.Policy, decision.Arm, decision.Rule,
            new TaskView(task.Task.Name(), Math.Round(task.Confidence, 4), task.RunnerUp.Name(), Math.Round(task.RunnerUpConfidence, 4)),
            context.RequiredTags, candidates, decision.AffinityApplied, decision.Plan.Select(d => d.Id).ToList(), text);
    }

    public static string Serialize(DecisionView view) => JsonSerializer.Serialize(view, DecisionJsonContext.Default.DecisionView);

    public static Task WriteAsync(Stream body, DecisionView view, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(body, view, DecisionJsonContext.Default.DecisionView, cancellationToken);
}

/// <param name="DecidedBy">What x-switchyard-route says: the route, or "route:rule" when a rule decided.</param>
/// <param name="AffinityApplied">The session's earlier deployment was kept first.</param>
/// <param name="Plan">Deployment ids: the primary, then the fallbacks in order.</param>
/// <param name="Text">The same decision as readable text.</param>
public sealed record DecisionView(
    string Route,
    string DecidedBy,
    string Policy,
    string? Arm,
    string? Rule,
    TaskView Task,
    IReadOnlyList<string> RequiredTags,
    IReadOnlyList<CandidateView> Candidates,
    bool AffinityApplied,
    IReadOnlyList<string> Plan,
    string Text);

/// <summary>The task classifier's output.</summary>
public sealed record TaskView(string Class, double Confidence, string RunnerUp, double RunnerUpConfidence);

/// <param name="Tier">The model's capability tier for the request's task class.</param>
/// <param name="RemovedBy">The filter that removed the candidate; null when it survived.</param>
/// <param name="Reason">Why that filter removed it.</param>
/// <param name="Score">The policy's score for a surviving candidate (for cheapest-capable: its estimated cost); null when the policy scores none.</param>
public sealed record CandidateView(
    string Deployment,
    string Model,
    string Provider,
    int Tier,
    decimal EstimatedCostUsd,
    int PromptTokens,
    int OutputTokens,
    string? RemovedBy,
    string? Reason,
    double? Score);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DecisionView))]
public sealed partial class DecisionJsonContext : JsonSerializerContext;
