using Switchyard.Core.Accounting;
using Switchyard.Core.Catalog;
using Switchyard.Core.Chat;
using Switchyard.Core.Routing.Classification;
using Switchyard.Core.Routing.Controls;
using Switchyard.Core.Routing.Pii;

namespace Switchyard.Core.Routing;

/// <summary>
/// Everything known about one request while it is routed. The classification and the PII scan
/// run at most once, and only when a filter or policy asks for them.
/// </summary>
public sealed class RoutingContext
{
    private TaskPrediction? task;
    private PiiKind? pii;
    private string? promptText;
    private IReadOnlyList<string>? requiredTags;

    public RoutingContext(ChatRequest request, RequestControls controls, CostEstimator costs, RoutingServices services,
        RoutingSettings settings, string requestId, string? sessionId = null, KeyRoutingPolicy? key = null,
        Func<string, string?>? header = null)
    {
        Request = request;
        Controls = controls;
        Costs = costs;
        Services = services;
        Settings = settings;
        RequestId = requestId;
        SessionId = sessionId ?? request.User;
        Key = key ?? KeyRoutingPolicy.Open;
        Header = header ?? (_ => null);
    }

    public ChatRequest Request { get; }
    public RequestControls Controls { get; }
    public CostEstimator Costs { get; }
    public RoutingServices Services { get; }
    public RoutingSettings Settings { get; }
    public string RequestId { get; }
    /// <summary>x-session-id, else the request's "user": the unit of session affinity and A/B assignment.</summary>
    public string? SessionId { get; }
    public KeyRoutingPolicy Key { get; }
    /// <summary>Request headers (for rules on headers).</summary>
    public Func<string, string?> Header { get; }

    /// <summary>The text routing judges: the system prompt and the last user message.</summary>
    public string PromptText => promptText ??= LastUserText(Request);

    public string SystemText => Request.Messages?.FirstOrDefault(m => m.Role is "system" or "developer")?.Content?.AllText() ?? "";

    public TaskPrediction Task => task ??= Services.Classifier.Classify(PromptText, SystemText);

    /// <summary>The PII found in the prompt; None when detection is off.</summary>
    public PiiKind Pii => pii ??= Settings.PiiEnabled ? Services.PiiDetector.Scan(AllUserText(Request)).Kinds : PiiKind.None;

    /// <summary>Tags every deployment must carry: the request's, the key's, and the PII tag when PII was found.</summary>
    public IReadOnlyList<string> RequiredTags => requiredTags ??= CollectRequiredTags(); // asked once per candidate: built once

    private IReadOnlyList<string> CollectRequiredTags()
    {
        if (Controls.RequiredTags.Count == 0 && Key.ForcedTags.Count == 0 && !Settings.PiiEnabled) return [];
        var tags = new List<string>(Controls.RequiredTags);
        tags.AddRange(Key.ForcedTags);
        if (Pii != PiiKind.None) tags.Add(Settings.PiiTag);
        return tags;
    }

    public decimal? MaxCostUsd => Controls.MaxCostUsd is { } a && Key.MaxCostUsd is { } b ? Math.Min(a, b) : Controls.MaxCostUsd ?? Key.MaxCostUsd;

    private static string LastUserText(ChatRequest request)
    {
        var messages = request.Messages;
        if (messages is null) return "";
        for (var i = messages.Count - 1; i >= 0; i--)
            if (messages[i].Role == "user") return messages[i].Content?.AllText() ?? "";
        return "";
    }

    private static string AllUserText(ChatRequest request) =>
        request.Messages is null ? "" : string.Join("\n", request.Messages.Where(m => m.Role is "user" or "system" or "developer" or "tool").Select(m => m.Content?.AllText()));
}

/// <summary>Gateway-wide routing settings (config section "routing").</summary>
public sealed record RoutingSettings
{
    public static readonly RoutingSettings Default = new();

    /// <summary>Scan prompts for PII; a hit adds <see cref="PiiTag"/> to the tags every deployment must carry. Default off.</summary>
    public bool PiiEnabled { get; init; }
    public string PiiTag { get; init; } = "no-training";
    /// <summary>How long a session keeps its first deployment. Default 30 minutes.</summary>
    public TimeSpan SessionAffinity { get; init; } = TimeSpan.FromMinutes(30);
}
