using System.Globalization;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Filters;

/// <summary>Renders a removal code as a sentence, with the numbers that decided it.</summary>
public static class RemovalText
{
    public static string Describe(RemovalReason reason, Deployment d, RoutingContext context) => reason switch
    {
        RemovalReason.NoToolSupport => "the model does not support tools",
        RemovalReason.NoVisionSupport => "the model does not accept images",
        RemovalReason.NoJsonSchemaSupport => "the model does not support json_schema structured outputs",
        RemovalReason.NoMultipleChoices => $"the {d.Provider.Kind} API does not support n > 1",
        RemovalReason.ContextWindow => $"its context window of {d.Model.ContextWindow} tokens cannot hold the {ContextWindowFilter.Needed(context, d)} tokens needed (prompt + output)",
        RemovalReason.MissingTags => $"it lacks the required data-policy tags ({string.Join(", ", context.RequiredTags.Where(t => !d.Model.Tags.Contains(t)))})",
        RemovalReason.MaxCost => $"its estimated cost ${context.Costs.For(d).Cost.ToString("0.######", CultureInfo.InvariantCulture)} exceeds max_cost_usd ${context.MaxCostUsd?.ToString(CultureInfo.InvariantCulture)}",
        RemovalReason.MaxLatency => $"its recent p95 latency {context.Services.Stats.P95LatencyMs(d.Id):0} ms exceeds max_latency_ms {context.Controls.MaxLatencyMs:0}",
        RemovalReason.BelowMinTier => $"its tier {d.Model.TierFor(context.Task.Task)} for {Catalog.TaskClassNames.Name(context.Task.Task)} is below min_tier {context.Controls.MinTier}",
        RemovalReason.ProviderNotAllowed => $"provider '{d.Provider.Name}' is not in provider.only",
        RemovalReason.ProviderIgnored => $"provider '{d.Provider.Name}' is in provider.ignore",
        RemovalReason.KeyNotAllowed => $"the key may not use model '{d.ModelName}'",
        RemovalReason.CircuitOpen => "its circuit breaker is open (recent failures)",
        _ => reason.ToString(),
    };
}
