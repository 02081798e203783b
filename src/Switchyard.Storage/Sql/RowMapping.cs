using System.Data.Common;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;

namespace Switchyard.Storage.Sql;

/// <summary>A row to parameter values and back, in <see cref="RequestLogSchema.Columns"/> order.</summary>
internal static class RowMapping
{
    public static object?[] Values(RequestLogRow r) =>
    [
        r.Id, r.TimeMs, r.Endpoint, r.KeyId, r.Project,
        r.Route, r.Policy, r.Arm, r.Rule, r.Task, r.TaskConfidence,
        r.Plan, r.Attempts, r.AttemptCount, r.Deployment, r.Model, r.Provider,
        r.Streamed ? 1 : 0, r.InputTokens, r.OutputTokens, r.CachedTokens, r.ReasoningTokens,
        r.CostUsd, r.CostEstimated is { } e ? (e ? 1 : 0) : null, r.BaselineCostUsd, r.BaselineModel,
        r.TtftMs, r.LatencyMs, r.UpstreamMs, r.OverheadMs, LatencyBuckets.Of(r.LatencyMs),
        r.Validators, r.ResponseSha256, r.Status, r.Failed ? 1 : 0, r.Error,
        r.Prompt, r.Response,
    ];

    public static RequestLogRow Read(DbDataReader reader, int at)
    {
        string? S(int i) => reader.IsDBNull(at + i) ? null : reader.GetString(at + i);
        int? I(int i) => reader.IsDBNull(at + i) ? null : Convert.ToInt32(reader.GetValue(at + i));
        double? D(int i) => reader.IsDBNull(at + i) ? null : Convert.ToDouble(reader.GetValue(at + i));
        return new RequestLogRow
        {
            Id = S(0)!, TimeMs = Convert.ToInt64(reader.GetValue(at + 1)), Endpoint = S(2)!, KeyId = S(3), Project = S(4),
            Route = S(5), Policy = S(6), Arm = S(7), Rule = S(8), Task = S(9), TaskConfidence = D(10),
            Plan = S(11), Attempts = S(12), AttemptCount = I(13) ?? 0, Deployment = S(14), Model = S(15), Provider = S(16),
            Streamed = I(17) == 1, InputTokens = I(18), OutputTokens = I(19), CachedTokens = I(20), ReasoningTokens = I(21),
            CostUsd = D(22), CostEstimated = I(23) is { } e ? e == 1 : null, BaselineCostUsd = D(24), BaselineModel = S(25),
            TtftMs = D(26), LatencyMs = D(27) ?? 0, UpstreamMs = D(28), OverheadMs = D(29),
            Validators = S(31), ResponseSha256 = S(32), Status = I(33) ?? 0, Error = S(35),
            Prompt = S(36), Response = S(37),
        };
    }
}
