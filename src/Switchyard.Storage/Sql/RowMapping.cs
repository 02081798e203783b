using System.Data.Common;
using Switchyard.Storage.Rows;
using Switchyard.Storage.Spend;

namespace Switchyard.Storage.Sql;

/// <summary>Receives a row's column values in <see cref="RequestLogSchema.Columns"/> order, typed, so a writer can bind them without boxing.</summary>
internal interface IColumnSink
{
    void Text(int column, string? value);
    void Integer(int column, long? value);
    void Real(int column, double? value);
}

/// <summary>A row to parameter values and back, in <see cref="RequestLogSchema.Columns"/> order.</summary>
internal static class RowMapping
{
    /// <summary>Hands every column of the row to the sink, column 0 first. The one place that knows which field goes in which column.</summary>
    public static void Emit<TSink>(RequestLogRow r, ref TSink sink) where TSink : struct, IColumnSink
    {
        sink.Text(0, r.Id); sink.Integer(1, r.TimeMs); sink.Text(2, r.Endpoint); sink.Text(3, r.KeyId); sink.Text(4, r.Project);
        sink.Text(5, r.Route); sink.Text(6, r.Policy); sink.Text(7, r.Arm); sink.Text(8, r.Rule); sink.Text(9, r.Task); sink.Real(10, r.TaskConfidence);
        sink.Text(11, r.Plan); sink.Text(12, r.Attempts); sink.Integer(13, r.AttemptCount); sink.Text(14, r.Deployment); sink.Text(15, r.Model); sink.Text(16, r.Provider);
        sink.Integer(17, r.Streamed ? 1 : 0); sink.Integer(18, r.InputTokens); sink.Integer(19, r.OutputTokens); sink.Integer(20, r.CachedTokens); sink.Integer(21, r.ReasoningTokens);
        sink.Real(22, r.CostUsd); sink.Integer(23, r.CostEstimated is { } e ? (e ? 1 : 0) : null); sink.Real(24, r.BaselineCostUsd); sink.Text(25, r.BaselineModel);
        sink.Real(26, r.TtftMs); sink.Real(27, r.LatencyMs); sink.Real(28, r.UpstreamMs); sink.Real(29, r.OverheadMs); sink.Integer(30, LatencyBuckets.Of(r.LatencyMs));
        sink.Text(31, r.Validators); sink.Text(32, r.ResponseSha256); sink.Integer(33, r.Status); sink.Integer(34, r.Failed ? 1 : 0); sink.Text(35, r.Error);
        sink.Text(36, r.Prompt); sink.Text(37, r.Response);
    }

    /// <summary>The row's values as ADO.NET parameter values (null for NULL), for the statements that bind by name.</summary>
    public static object?[] Values(RequestLogRow r)
    {
        var sink = new BoxingSink(new object?[RequestLogSchema.Columns.Length]);
        Emit(r, ref sink);
        return sink.Values;
    }

    private static readonly bool[] IsInt = [.. RequestLogSchema.Columns.Select(c => c.Type == "int")];

    private readonly struct BoxingSink(object?[] values) : IColumnSink
    {
        public object?[] Values => values;
        public void Text(int column, string? value) => values[column] = value;
        // An int column gets an int, as before the sink existed: PostgreSQL then sees integer parameters for integer columns.
        public void Integer(int column, long? value) => values[column] = value is { } v && IsInt[column] ? (int)v : value;
        public void Real(int column, double? value) => values[column] = value;
    }

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
