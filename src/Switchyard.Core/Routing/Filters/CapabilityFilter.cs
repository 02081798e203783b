using Switchyard.Core.Catalog;
using Switchyard.Core.Runtime;

namespace Switchyard.Core.Routing.Filters;

/// <summary>Tools need tool support, image parts need vision, json_schema needs structured outputs, n > 1 needs a wire that returns several choices.</summary>
public sealed class CapabilityFilter : IRoutingFilter
{
    private static readonly HashSet<string> MultiChoiceWires = ["openai", "gemini"];

    public string Name => "capability";

    public RemovalReason Check(RoutingContext context, Deployment candidate)
    {
        var request = context.Request;
        var model = candidate.Model;
        if (request.Tools is { Count: > 0 } && !model.Has(ModelCapabilities.Tools)) return RemovalReason.NoToolSupport;
        if (request.ResponseFormat?.Type == "json_schema" && !model.Has(ModelCapabilities.JsonSchema)) return RemovalReason.NoJsonSchemaSupport;
        if (request.N is > 1 && !MultiChoiceWires.Contains(candidate.Provider.Kind)) return RemovalReason.NoMultipleChoices;
        if (!model.Has(ModelCapabilities.Vision) && HasImage(context)) return RemovalReason.NoVisionSupport;
        return RemovalReason.None;
    }

    private static bool HasImage(RoutingContext context)
    {
        foreach (var message in context.Request.Messages ?? [])
            if (message.Content?.Parts is { } parts)
                foreach (var part in parts)
                    if (part.Type == "image_url") return true;
        return false;
    }
}
