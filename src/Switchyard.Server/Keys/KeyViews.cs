using System.Text.Json;
using Switchyard.Core.Keys;

namespace Switchyard.Server.Keys;

/// <summary>
/// The admin API's JSON for keys and projects. Written field by field: there is no field for the
/// salt or hash, and the secret appears only in the answer to the POST that created it.
/// </summary>
public static class KeyViews
{
    public static void WriteKey(Utf8JsonWriter w, KeyRecord key, IReadOnlyList<(BudgetPeriod Period, decimal Spent)> spend, DateTimeOffset now, string? secret = null)
    {
        w.WriteStartObject();
        w.WriteString("object", "key");
        w.WriteString("id", key.Id);
        if (secret is not null) w.WriteString("key", secret);
        w.WriteString("display", KeyService.Display(key.Id));
        w.WriteString("project", key.Project);
        Nullable(w, "name", key.Name);
        w.WriteString("status", key.IsRevoked ? "revoked" : key.IsExpired(now) ? "expired" : "active");
        w.WriteString("created_at", key.CreatedAt);
        Time(w, "expires_at", key.ExpiresAt);
        Time(w, "revoked_at", key.RevokedAt);
        WriteBudgets(w, "budgets", key.Budgets);
        w.WriteStartObject("limits");
        Number(w, "rpm", key.Limits.Rpm);
        Number(w, "tpm", key.Limits.Tpm);
        Number(w, "model_rpm", key.Limits.ModelRpm);
        Number(w, "model_tpm", key.Limits.ModelTpm);
        w.WriteEndObject();
        w.WriteStartObject("policy");
        Strings(w, "models", key.Policy.AllowedModels);
        Strings(w, "denied_models", key.Policy.DeniedModels);
        Nullable(w, "default_route", key.Policy.DefaultRoute);
        Strings(w, "tags", key.Policy.ForcedTags);
        Usd(w, "max_cost_usd", key.Policy.MaxCostUsd);
        Nullable(w, "tier", key.Policy.Tier);
        w.WriteEndObject();
        WriteSpend(w, spend);
        w.WriteEndObject();
    }

    public static void WriteProject(Utf8JsonWriter w, ProjectRecord project, int keys, IReadOnlyList<(BudgetPeriod Period, decimal Spent)> spend)
    {
        w.WriteStartObject();
        w.WriteString("object", "project");
        w.WriteString("id", project.Id);
        w.WriteNumber("keys", keys);
        WriteBudgets(w, "budgets", project.Budgets);
        WriteSpend(w, spend);
        w.WriteEndObject();
    }

    private static void WriteBudgets(Utf8JsonWriter w, string name, BudgetLimits budgets)
    {
        w.WriteStartObject(name);
        Usd(w, "daily_usd", budgets.DailyUsd);
        Usd(w, "monthly_usd", budgets.MonthlyUsd);
        Usd(w, "total_usd", budgets.TotalUsd);
        w.WriteEndObject();
    }

    /// <summary>Spend of the current day, month and in total, as the store counts it (replicas write theirs every sync round).</summary>
    private static void WriteSpend(Utf8JsonWriter w, IReadOnlyList<(BudgetPeriod Period, decimal Spent)> spend)
    {
        w.WriteStartObject("spend");
        foreach (var period in BudgetPeriods.All)
            w.WriteNumber(BudgetPeriods.Name(period) + "_usd", spend.Where(s => s.Period == period).Sum(s => s.Spent));
        w.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v);
        else w.WriteNull(name);
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Usd(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
