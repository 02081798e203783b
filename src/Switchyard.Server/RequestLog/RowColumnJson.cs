using System.Text;
using Switchyard.Core.Chat;
using Switchyard.Core.Execution;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.RequestLog;

/// <summary>
/// The request log's plan and attempts columns, written straight from the routing plan and the execution
/// trace: the same text <c>JsonSerializer.Serialize</c> gives for a <c>List&lt;string&gt;</c> of deployment ids
/// and a <c>List&lt;AttemptEntry&gt;</c> (<c>RowColumnJsonTests</c> compares them), without building those lists
/// first for every request.
/// </summary>
internal static class RowColumnJson
{
    /// <summary><c>["deployment-a","deployment-b"]</c></summary>
    public static string Plan(IReadOnlyList<Deployment> plan)
    {
        using var json = ThreadJsonWriter.Rent();
        var w = json.Writer;
        w.WriteStartArray();
        for (var i = 0; i < plan.Count; i++) w.WriteStringValue(plan[i].Id);
        w.WriteEndArray();
        return Encoding.UTF8.GetString(json.Written);
    }

    /// <summary><c>[{"deployment":"a","outcome":"Timeout","status":504,"latency_ms":12.3,"error_kind":"Timeout"}]</c>; error_kind only on failures.</summary>
    public static string Attempts(IReadOnlyList<AttemptRecord> attempts)
    {
        using var json = ThreadJsonWriter.Rent();
        var w = json.Writer;
        w.WriteStartArray();
        for (var i = 0; i < attempts.Count; i++)
        {
            var a = attempts[i];
            w.WriteStartObject();
            w.WriteString("deployment"u8, a.DeploymentId);
            w.WriteString("outcome"u8, a.Outcome);
            if (a.Status is { } status) w.WriteNumber("status"u8, status);
            w.WriteNumber("latency_ms"u8, Math.Round(a.Elapsed.TotalMilliseconds, 1));
            if (a.Outcome != "ok") w.WriteString("error_kind"u8, a.Outcome);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return Encoding.UTF8.GetString(json.Written);
    }
}
