using System.Text.Json;
using Switchyard.Core.Accounting;
using Switchyard.Core.Catalog;
using Switchyard.Storage;
using Switchyard.Storage.Rows;

namespace Switchyard.Server.RequestLog;

/// <summary>Turns a finished request's outcome into its request log row; bodies only when configured, redacted.</summary>
public sealed class RequestLogRowBuilder(TimeProvider time, BodyRedactor? bodies)
{
    public bool KeepsBodies => bodies is not null;

    public RequestLogRow Build(RequestOutcome o)
    {
        var answered = o.Trace.Answered;
        var decision = o.Decision;
        var usage = o.Usage;
        var latency = o.Elapsed.TotalMilliseconds;
        var upstream = o.UpstreamTime?.TotalMilliseconds;
        return new RequestLogRow
        {
            Id = o.RequestId,
            TimeMs = (time.GetUtcNow() - o.Elapsed).ToUnixTimeMilliseconds(),
            Endpoint = o.Endpoint,
            KeyId = o.KeyId,
            Project = o.Project,
            Route = o.Route,
            Policy = decision?.Policy,
            Arm = decision?.Arm,
            Rule = decision?.Rule,
            Task = decision?.Task is { } t ? t.Task.Name() : null,
            TaskConfidence = decision?.Task is { } c ? Math.Round(c.Confidence, 4) : null,
            Plan = decision is null ? null : RowColumnJson.Plan(decision.Plan),
            Attempts = o.Trace.Attempts.Count == 0 ? null : RowColumnJson.Attempts(o.Trace.Attempts),
            AttemptCount = o.Trace.Attempts.Count,
            Deployment = answered?.Id,
            Model = answered?.Model.Id,
            Provider = answered?.Provider.Name,
            Streamed = o.Streamed,
            InputTokens = usage?.PromptTokens,
            OutputTokens = usage?.CompletionTokens,
            CachedTokens = usage?.PromptTokensDetails?.CachedTokens,
            ReasoningTokens = usage?.CompletionTokensDetails?.ReasoningTokens,
            CostUsd = o.Cost is { } cost ? (double)cost.Cost : null,
            CostEstimated = o.Cost?.Estimated,
            BaselineCostUsd = o.Cost?.BaselineCost is { } b ? (double)b : null,
            BaselineModel = o.Cost?.BaselineModel,
            TtftMs = o.TimeToFirstByte is { } ttft ? Math.Round(ttft.TotalMilliseconds, 2) : null,
            LatencyMs = Math.Round(latency, 2),
            UpstreamMs = upstream is { } u ? Math.Round(u, 2) : null,
            OverheadMs = upstream is { } up ? Math.Round(Math.Max(0, latency - up), 2) : null,
            Validators = o.ValidatorOutcomes,
            ResponseSha256 = answered is null ? null : o.Response?.Sha256Hex(),
            Status = o.Status,
            Error = o.Error,
            Prompt = bodies is null || o.Request?.Messages is not { } messages ? null : JsonSerializer.Serialize(
                messages.Select(m => new PromptMessage(m.Role ?? "", bodies.Redact(m.Content?.AllText() ?? ""))).ToList(), StorageJson.Relaxed.ListPromptMessage),
            Response = bodies is null || o.Response?.Text is not { } text ? null : bodies.Redact(text),
        };
    }
}
