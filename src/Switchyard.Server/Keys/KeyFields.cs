using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Gateway;
using Switchyard.Core.Keys;
using Switchyard.Core.Runtime;

namespace Switchyard.Server.Keys;

/// <summary>
/// The fields of POST and PATCH /admin/v1/keys (and PATCH /admin/v1/projects): a field that is
/// present sets its value, present as null clears it, absent leaves it as it was. Every mistake is
/// a 400 naming the field.
/// </summary>
public static class KeyFields
{
    public static readonly string[] Budget = ["budget_daily_usd", "budget_monthly_usd", "budget_total_usd"];
    private static readonly HashSet<string> Known =
    [
        "project", "name", "expires_at", .. Budget, "rpm", "tpm", "model_rpm", "model_tpm",
        "models", "denied_models", "default_route", "tags", "max_cost_usd", "tier",
    ];

    public static JsonElement Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Invalid("The body must be a JSON object.", null);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid("The body is not valid JSON.", null);
        }
    }

    public static void RejectUnknown(JsonElement body, IReadOnlySet<string>? allowed = null)
    {
        foreach (var property in body.EnumerateObject())
            if (!(allowed ?? Known).Contains(property.Name))
                throw Invalid($"Unknown field '{property.Name}'.", property.Name);
    }

    /// <summary>The key with the body's fields applied.</summary>
    public static KeyRecord Apply(KeyRecord key, JsonElement body, GatewaySnapshot snapshot)
    {
        RejectUnknown(body);
        var budgets = ApplyBudgets(key.Budgets, body);
        var limits = key.Limits;
        if (Has(body, "rpm", out var v)) limits = limits with { Rpm = PositiveInt(v, "rpm") };
        if (Has(body, "tpm", out v)) limits = limits with { Tpm = PositiveInt(v, "tpm") };
        if (Has(body, "model_rpm", out v)) limits = limits with { ModelRpm = PositiveInt(v, "model_rpm") };
        if (Has(body, "model_tpm", out v)) limits = limits with { ModelTpm = PositiveInt(v, "model_tpm") };
        var policy = key.Policy;
        if (Has(body, "models", out v)) policy = policy with { AllowedModels = Names(v, "models", snapshot) };
        if (Has(body, "denied_models", out v)) policy = policy with { DeniedModels = Names(v, "denied_models", snapshot) };
        if (Has(body, "tags", out v)) policy = policy with { ForcedTags = Strings(v, "tags") };
        if (Has(body, "default_route", out v))
        {
            var route = String(v, "default_route");
            if (route is not null && snapshot.FindRoute(route) is null) throw Invalid($"'default_route': '{route}' is neither a model nor a route of this gateway.", "default_route");
            policy = policy with { DefaultRoute = route };
        }
        if (Has(body, "max_cost_usd", out v)) policy = policy with { MaxCostUsd = Usd(v, "max_cost_usd") };
        if (Has(body, "tier", out v)) policy = policy with { Tier = String(v, "tier") };
        var next = key with { Budgets = budgets, Limits = limits, Policy = policy };
        if (Has(body, "name", out v)) next = next with { Name = String(v, "name") };
        if (Has(body, "expires_at", out v)) next = next with { ExpiresAt = Time(v, "expires_at") };
        return next;
    }

    public static BudgetLimits ApplyBudgets(BudgetLimits budgets, JsonElement body)
    {
        if (Has(body, "budget_daily_usd", out var v)) budgets = budgets with { DailyUsd = Usd(v, "budget_daily_usd") };
        if (Has(body, "budget_monthly_usd", out v)) budgets = budgets with { MonthlyUsd = Usd(v, "budget_monthly_usd") };
        if (Has(body, "budget_total_usd", out v)) budgets = budgets with { TotalUsd = Usd(v, "budget_total_usd") };
        return budgets;
    }

    public static string? Project(JsonElement body) =>
        body.TryGetProperty("project", out var v) ? String(v, "project") : null;

    private static bool Has(JsonElement body, string name, out JsonElement value) => body.TryGetProperty(name, out value);

    private static int? PositiveInt(JsonElement v, string field)
    {
        if (v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0) return n;
        throw Invalid($"'{field}' must be a positive whole number or null.", field);
    }

    private static decimal? Usd(JsonElement v, string field)
    {
        if (v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d >= 0) return d;
        throw Invalid($"'{field}' must be a non-negative number of USD or null.", field);
    }

    private static string? String(JsonElement v, string field) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when v.GetString()!.Trim().Length > 0 => v.GetString()!.Trim(),
        _ => throw Invalid($"'{field}' must be a non-empty string or null.", field),
    };

    private static DateTimeOffset? Time(JsonElement v, string field)
    {
        if (v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String &&
            DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at.ToUniversalTime();
        throw Invalid($"'{field}' must be an ISO 8601 time (e.g. 2026-12-31T00:00:00Z) or null.", field);
    }

    private static IReadOnlyList<string> Strings(JsonElement v, string field)
    {
        if (v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind != JsonValueKind.Array) throw Invalid($"'{field}' must be an array of strings.", field);
        var list = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString())) throw Invalid($"'{field}' must be an array of non-empty strings.", field);
            list.Add(item.GetString()!.Trim());
        }
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Model and route names, each known to the running config (a typo would otherwise silently allow nothing).</summary>
    private static IReadOnlyList<string> Names(JsonElement v, string field, GatewaySnapshot snapshot)
    {
        var names = Strings(v, field);
        foreach (var name in names)
            if (snapshot.FindRoute(name) is null) throw Invalid($"'{field}': '{name}' is neither a model nor a route of this gateway.", field);
        return names;
    }

    public static GatewayException Invalid(string message, string? param) => new(400, "invalid_request_error", "invalid_request", message, param);
}
